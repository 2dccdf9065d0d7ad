/**
 * One scripted human for the netcode benchmark: a predicting ArenaClient (the game's own netcode,
 * without Phaser) joined with lossless resume, through the conditioner. BotBrain decides where to
 * walk and when to fire; the aim is at the nearest remote player where this client draws it, as
 * a person aims. Frames run every FRAME_MS; each checks this player's drawn shots against the
 * drawn remote players (ScreenHits.ts).
 */
import { Client, type Room } from "@colyseus/sdk";
import { ArenaClient, type Point } from "../../game/net/ArenaClient.ts";
import { useChannel } from "../../game/net/messages.ts";
import { ResumeChannel } from "../../game/net/ResumeChannel.ts";
import { BotBrain } from "../../shared/arena/bots/BotBrain.ts";
import type { ArenaState, ProjectileState } from "../../shared/arena/schema.ts";
import { PLAYER_RADIUS, PROJECTILE_RADIUS } from "../../shared/arena/tuning.ts";
import { PROTOCOL_VERSION, RoomName } from "../../shared/protocol.ts";
import { createRng } from "../../shared/rng.ts";
import { ScreenHits } from "./ScreenHits.ts";

/** A 60 Hz display. */
export const FRAME_MS = 1000 / 60;
const TOUCH = PLAYER_RADIUS + PROJECTILE_RADIUS;

export class Player {
  readonly hits = new ScreenHits();
  /** Numbered messages handled, by number (to count what a drop lost). */
  readonly received = new Set<number>();
  /** Whether new screen hits are counted (off while the last server verdicts come in). */
  counting = true;
  private delaySum = 0;
  private delayFrames = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly shot = new WeakSet<ProjectileState>();
  private readonly brain;

  private constructor(
    readonly room: Room<ArenaState>,
    readonly channel: ResumeChannel,
    readonly client: ArenaClient,
    seed: number,
  ) {
    this.brain = new BotBrain(client.map, createRng(seed));
    client.onEvent((e) => {
      if (e.type === "hit" && e.shooter === room.sessionId) this.hits.onServer(e.victim, performance.now());
    });
  }

  static async join(url: string, name: string, seed: number, roomId?: string): Promise<Player> {
    const options = { name, protocol: PROTOCOL_VERSION, resume: true };
    const sdk = new Client(url);
    const room = roomId ? await sdk.joinById<ArenaState>(roomId, options) : await sdk.create<ArenaState>(RoomName.Arena, options);
    room.reconnection.minUptime = 0;
    let player: Player | undefined;
    const channel = new ResumeChannel(room, { onHandled: (n) => player?.received.add(n) });
    useChannel(room, channel);
    await new Promise<void>((resolve) => {
      const check = () => room.state.players?.get(room.sessionId) !== undefined && (room.onStateChange.remove(check), resolve());
      room.onStateChange(check);
    });
    player = new Player(room, channel, new ArenaClient(room), seed);
    return player;
  }

  start(): void {
    let last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.frame(now, (now - last) / 1000);
      last = now;
    }, FRAME_MS);
  }

  /** Mean interpolation delay over the frames drawn since the last call, ms. */
  takeMeanDelay(): number {
    const mean = this.delayFrames > 0 ? this.delaySum / this.delayFrames : 0;
    this.delaySum = this.delayFrames = 0;
    return mean;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.client.stats.stop();
    if (this.room.connection.isOpen) await this.room.leave(true).catch(() => undefined);
  }

  private readonly drawnOther: Point = { x: 0, y: 0 };
  private readonly drawnShot: Point = { x: 0, y: 0 };

  private frame(now: number, dt: number): void {
    const state = this.room.state;
    const me = state.players?.get(this.room.sessionId);
    if (!me) return;
    const intent = this.brain.think(me, state.players.values(), dt);
    const own = this.client.predictedPosition() ?? me;
    let best = Number.POSITIVE_INFINITY;
    state.players.forEach((p, id) => {
      if (id === this.room.sessionId || !p.alive) return;
      this.client.playerPosition(p, this.drawnOther);
      const d = Math.hypot(this.drawnOther.x - own.x, this.drawnOther.y - own.y);
      if (d < best) {
        best = d;
        intent.aim = Math.atan2(this.drawnOther.y - own.y, this.drawnOther.x - own.x);
      }
    });
    this.client.frame(now, intent);
    this.delaySum += this.client.stats.interpolationMs();
    this.delayFrames++;
    if (this.counting) this.checkShots(now);
  }

  private checkShots(now: number): void {
    const state = this.room.state;
    state.projectiles?.forEach((shot) => {
      if (shot.owner !== this.room.sessionId || this.shot.has(shot)) return;
      this.client.projectilePosition(shot, this.drawnShot);
      state.players.forEach((p, id) => {
        if (id === this.room.sessionId || !p.alive || this.shot.has(shot)) return;
        this.client.playerPosition(p, this.drawnOther);
        if (Math.hypot(this.drawnOther.x - this.drawnShot.x, this.drawnOther.y - this.drawnShot.y) > TOUCH) return;
        this.shot.add(shot);
        this.hits.onScreen(id, now);
      });
    });
  }
}
