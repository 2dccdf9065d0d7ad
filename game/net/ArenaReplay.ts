/**
 * An arena replay as ArenaScene sees it: the tick log re-simulated in the browser by the same
 * rules (shared/arena/replay.ts), mirrored into an ArenaState by the same syncState the
 * server uses. Play, pause, a speed from 0.25× to 4×, and seek (from the nearest keyframe).
 * No room and no server: the log was fetched once (GET /api/replays/:matchId).
 */
import type { ArenaGame } from "../../shared/arena/ArenaGame.ts";
import { dronePosition } from "../../shared/arena/drones.ts";
import { mapById, type ArenaMap } from "../../shared/arena/maps.ts";
import { applyArenaCommand, arenaReplayRules } from "../../shared/arena/replay.ts";
import { chatFromNote, type ReplayChatLine } from "../../shared/replay/chatNote.ts";
import { CHAT_HISTORY_SIZE } from "../../shared/chat.ts";
import type { GameEvent } from "../../shared/protocol.ts";
import { ArenaState, PlayerState, type ProjectileState } from "../../shared/arena/schema.ts";
import { syncState } from "../../shared/arena/syncState.ts";
import { INPUT_INTERVAL_MS, INPUT_RATE } from "../../shared/constants.ts";
import { isNote, Note, type ReplayLog } from "../../shared/replay/format.ts";
import { simAt } from "../../shared/replay/resimulate.ts";
import { ReplayError, ReplayErrorCode } from "../../shared/replay/rules.ts";
import type { Point } from "./ArenaClient.ts";
import type { ArenaView } from "./ArenaView.ts";

export const REPLAY_SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
/** Ticks applied per frame at most: a long stall (a background tab) does not freeze the page catching up. */
const MAX_TICKS_PER_FRAME = 30;
/** A live viewer at most this far (1 s of ticks) behind what it has received. */
const LIVE_LAG_TICKS = INPUT_RATE;

export class ArenaReplay implements ArenaView {
  readonly map: ArenaMap;
  state = new ArenaState();
  /** The followed player ("" for the free camera). */
  sessionId = "";
  readonly steers = false;
  playing = true;
  speed = 1;
  private sim: ArenaGame;
  /** Entries applied so far. */
  private at = 0;
  /** For tick n (1-based), the entry count once its "t" command is applied. */
  private readonly tickEnds: number[] = [];
  private readonly names = new Map<string, string>();
  private last: number | undefined;
  private owed = 0;

  /**
   * Live (a spectator's delayed feed, game/net/SpectatorLog.ts): more entries arrive as it
   * plays, and it never falls further behind them than LIVE_LAG_TICKS.
   */
  live = false;

  /** `startAt`: the entry to begin at (a live spectator's keyframe); 0, the match's start. */
  constructor(
    readonly log: ReplayLog,
    startAt = 0,
  ) {
    const setup = log.header.setup as { map?: string };
    this.map = mapById(setup.map);
    this.index(0);
    this.sim = startAt > 0 ? simAt(log, arenaReplayRules, startAt) : arenaReplayRules.create(log.header);
    this.at = startAt;
    this.sync();
  }

  /** A live feed's next entries (already in order, after the last). */
  append(entries: ReplayLog["entries"]): void {
    const from = this.log.entries.length;
    for (const e of entries) this.log.entries.push(e);
    this.index(from);
  }

  /** Ticks and names of the entries from `from` on. */
  private index(from: number): void {
    const entries = this.log.entries;
    for (let i = from; i < entries.length; i++) {
      const e = entries[i]!;
      if (e[0] === "t") this.tickEnds.push(i + 1);
      if (e[0] !== Note.Join) continue;
      this.names.set(String(e[1]), String(e[2]));
      // Follow the first player to sit down, to begin with.
      if (!this.sessionId && e[3] === "player") this.sessionId = String(e[1]);
    }
  }

  /** Apply everything received (a test's or tool's sync point; the page plays in time). */
  catchUp(): void {
    this.applyThrough(this.log.entries.length);
    this.sync();
  }

  /** Input ticks in the whole log, and the one shown now. */
  get ticks(): number {
    return this.tickEnds.length;
  }
  get tick(): number {
    let lo = 0;
    let hi = this.tickEnds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tickEnds[mid]! <= this.at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Jump to input tick `tick` (0: the start): restore the nearest keyframe, then re-simulate the rest. */
  seek(tick: number): void {
    if (!Number.isInteger(tick) || tick < 0 || tick > this.ticks) throw new ReplayError(ReplayErrorCode.OutOfRange, `tick ${tick} is outside this replay (0 to ${this.ticks})`);
    const to = tick === 0 ? 0 : this.tickEnds[tick - 1]!;
    this.sim = simAt(this.log, arenaReplayRules, to);
    this.at = to;
    this.chat.length = 0;
    for (let i = 0; i < to; i++) this.takeChat(this.log.entries[i]!);
    this.state = new ArenaState();
    this.owed = 0;
    this.sync();
  }

  follow(playerId: string): void {
    this.sessionId = playerId;
  }

  /**
   * Hits, kills and round changes as playback passes them (re-simulated, so exactly the
   * room's), for the scene's kill feed and hit flashes; a seek jumps without replaying them.
   */
  onEvent(listener: (e: GameEvent) => void): void {
    this.listeners.push(listener);
  }
  private readonly listeners: Array<(e: GameEvent) => void> = [];

  /** The chat as it stood at the moment shown: its last CHAT_HISTORY_SIZE lines (`@chat` notes). */
  readonly chat: ReplayChatLine[] = [];

  frame(now: number): void {
    const elapsed = this.last === undefined ? 0 : now - this.last;
    this.last = now;
    if (!this.playing || this.tick >= this.ticks) return;
    this.owed = Math.min(this.owed + elapsed * this.speed, MAX_TICKS_PER_FRAME * INPUT_INTERVAL_MS);
    let moved = false;
    // A live feed arrives in bursts; a viewer that fell behind (a background tab) jumps ahead rather than crawl.
    if (this.live && this.ticks - this.tick > LIVE_LAG_TICKS) {
      this.applyThrough(this.tickEnds[this.ticks - LIVE_LAG_TICKS / 2 - 1]!);
      moved = true;
    }
    while (this.owed >= INPUT_INTERVAL_MS && this.tick < this.ticks) {
      this.owed -= INPUT_INTERVAL_MS;
      this.applyThrough(this.tickEnds[this.tick]!);
      moved = true;
    }
    if (moved) this.sync();
  }

  playerPosition(player: PlayerState, out: Point): Point {
    out.x = player.x;
    out.y = player.y;
    return out;
  }

  projectilePosition(p: ProjectileState, out: Point): Point {
    out.x = p.x;
    out.y = p.y;
    return out;
  }

  forEachDrone(draw: (x: number, y: number) => void): void {
    for (const d of this.sim.world.drones) {
      dronePosition(d, this.sim.world.tick, this.droneAt);
      draw(this.droneAt.x, this.droneAt.y);
    }
  }
  private readonly droneAt: Point = { x: 0, y: 0 };

  /** The followed player, or the map's centre for the free camera (and while the followed one is away). */
  localPosition(): Point | undefined {
    const p = this.state.players.get(this.sessionId);
    return p ? { x: p.x, y: p.y } : { x: this.map.width / 2, y: this.map.height / 2 };
  }

  private applyThrough(to: number): void {
    while (this.at < to) {
      const entry = this.log.entries[this.at++]!;
      if (isNote(entry)) this.takeChat(entry);
      else for (const e of applyArenaCommand(this.sim, entry)) if (e.type !== "respawn") for (const l of this.listeners) l(e);
    }
  }

  private takeChat(entry: ReplayLog["entries"][number]): void {
    const line = chatFromNote(entry);
    if (!line) return;
    this.chat.push(line);
    if (this.chat.length > CHAT_HISTORY_SIZE) this.chat.shift();
  }

  /** The world into the state, adding and removing players as the room does (it knows names). */
  private sync(): void {
    const world = this.sim.world;
    for (const id of [...this.state.players.keys()]) if (!world.players.has(id)) this.state.players.delete(id);
    for (const id of world.players.keys()) {
      if (this.state.players.has(id)) continue;
      const bot = id.startsWith("bot:");
      this.state.players.set(id, new PlayerState({ name: this.names.get(id) ?? (bot ? `Bot ${id.slice(4)}` : id), bot }));
    }
    this.state.mapId = this.map.id;
    syncState(world, this.sim.round, this.state);
  }
}
