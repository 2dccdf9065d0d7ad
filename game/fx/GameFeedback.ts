/**
 * Turns what the server says happened (Msg.Event: hit, kill, round start and end) and what the
 * state shows (the local player coming back to life) into feedback state the scene and the HUD
 * draw, and into sound cues. Knows no Phaser, no DOM, no audio: tests feed it events and times.
 */
import type { GameEvent } from "../../shared/protocol.ts";
import { RESPAWN_TICKS } from "../../shared/arena/tuning.ts";
import { TICK_RATE } from "../../shared/constants.ts";
import { HitEffects } from "./HitEffects.ts";
import { KillFeed } from "./KillFeed.ts";

/** How long after death the server respawns a player, ms. */
export const RESPAWN_MS = (RESPAWN_TICKS / TICK_RATE) * 1000;
/** How long "Round N: go!" stays up after a round starts, ms. */
export const GO_MS = 1_200;

/** A sound worth making (game/audio plays them). */
export type Cue = "shot" | "hit" | "hurt" | "kill" | "death" | "respawn" | "round_start" | "round_end";

/** What the feedback reads of a player: who it is and where. */
export interface SeenPlayer {
  name: string;
  alive: boolean;
  x: number;
  y: number;
}

export interface FeedbackWorld {
  readonly sessionId: string;
  player(id: string): SeenPlayer | undefined;
}

export class GameFeedback {
  readonly hits: HitEffects;
  readonly feed = new KillFeed();
  private diedAt: number | undefined;
  private wasAlive: boolean | undefined;
  private goRound: { round: number; at: number } | undefined;
  /** Projectile ids seen last frame and this frame: a new one is a shot. */
  private shotsBefore = new Set<string>();
  private shotsNow = new Set<string>();

  constructor(
    private readonly world: FeedbackWorld,
    private readonly cue: (c: Cue) => void = () => undefined,
    reducedMotion: () => boolean = () => false,
  ) {
    this.hits = new HitEffects(reducedMotion);
  }

  /** One event from the server (ArenaClient.onEvent). */
  onEvent(e: GameEvent, now: number): void {
    const me = this.world.sessionId;
    switch (e.type) {
      case "hit": {
        const from = this.world.player(e.shooter);
        const to = this.world.player(e.victim);
        const angle = from && to ? Math.atan2(to.y - from.y, to.x - from.x) : 0;
        this.hits.hit(e.victim, e.damage, angle, now);
        if (e.victim === me) this.cue("hurt");
        else if (e.shooter === me) this.cue("hit");
        return;
      }
      case "kill": {
        const mine = e.killer === me || e.victim === me;
        this.feed.add(this.world.player(e.killer)?.name ?? "?", this.world.player(e.victim)?.name ?? "?", mine, now);
        if (e.victim === me) {
          this.diedAt = now;
          this.cue("death");
        } else if (e.killer === me) this.cue("kill");
        return;
      }
      case "round_start":
        this.goRound = { round: e.round, at: now };
        this.cue("round_start");
        return;
      case "round_end":
        this.goRound = undefined;
        this.cue("round_end");
        return;
      default:
        return e satisfies never;
    }
  }

  /** Once per frame: notices the local player coming back (the respawn cue). */
  frame(now: number): void {
    const alive = this.world.player(this.world.sessionId)?.alive;
    if (alive === true && this.wasAlive === false) {
      this.diedAt = undefined;
      this.cue("respawn");
    }
    if (alive === false && this.wasAlive === true) this.diedAt ??= now;
    this.wasAlive = alive;
  }

  /**
   * Each frame, every projectile in view (id and owner): one the local player owns that was
   * not there last frame is its shot. Call endShots() after the last.
   */
  seeShot(id: string, owner: string): void {
    this.shotsNow.add(id);
    if (owner === this.world.sessionId && !this.shotsBefore.has(id)) this.cue("shot");
  }

  endShots(): void {
    [this.shotsBefore, this.shotsNow] = [this.shotsNow, this.shotsBefore];
    this.shotsNow.clear();
  }

  /** Whole seconds until the local player respawns while dead (at least 1), else undefined. */
  respawnIn(now: number): number | undefined {
    if (this.diedAt === undefined || this.wasAlive !== false) return undefined;
    return Math.max(1, Math.ceil((this.diedAt + RESPAWN_MS - now) / 1000));
  }

  /** The round that just started, while its "go" shows. */
  goShowing(now: number): number | undefined {
    if (!this.goRound || now - this.goRound.at >= GO_MS) return undefined;
    return this.goRound.round;
  }
}
