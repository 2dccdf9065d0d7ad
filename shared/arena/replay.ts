/**
 * The arena's replay rules: how a tick log's commands ("j" join, "l" leave, "t" tick, written
 * by ArenaGame) rebuild the match, and the keyframe and checksum of its world.
 * See docs/replays.md.
 */
import { z } from "zod";
import { ArenaCommand, ArenaGame, type MatchEvent } from "./ArenaGame.ts";
import { MAPS } from "./maps.ts";
import type { RoundTiming } from "./round.ts";
import type { Intent, PlayerSim } from "./world.ts";
import { INPUT_RATE } from "../constants.ts";
import { RoomName } from "../protocol.ts";
import { Hasher } from "../replay/checksum.ts";
import type { Json, ReplayEntry, ReplayHeader } from "../replay/format.ts";
import { ReplayError, ReplayErrorCode, type ReplayRules } from "../replay/rules.ts";

/**
 * The arena's rules version. Bump it with any change to step(), spawning, rounds, drones or
 * tuning that would make an old log play out differently: old logs are then refused.
 */
export const ARENA_RULES_VERSION = 2;

/** What the arena's header carries to rebuild the starting world. */
export const ArenaSetup = z.object({
  map: z.string(),
  roundTicks: z.int().min(1),
  intermissionTicks: z.int().min(1),
  drones: z.int().min(0),
  /** Lag compensation's cap in ticks (shared/arena/lagCompensation.ts). */
  lagCapTicks: z.int().min(0).max(600).default(0),
});
export type ArenaSetup = z.infer<typeof ArenaSetup>;

const Player = z.object({
  id: z.string(),
  x: z.number(),
  y: z.number(),
  aim: z.number(),
  hp: z.number(),
  alive: z.boolean(),
  score: z.number(),
  deaths: z.number(),
  cooldown: z.number(),
  respawnIn: z.number(),
  trail: z.array(z.number()),
});
const Snapshot = z.object({
  tick: z.int(),
  round: z.object({ phase: z.enum(["playing", "intermission"]), round: z.int(), ticksLeft: z.int() }),
  rng: z.int(),
  nextProjectileId: z.int(),
  players: z.array(Player),
  projectiles: z.array(z.object({ id: z.int(), owner: z.string(), x: z.number(), y: z.number(), vx: z.number(), vy: z.number(), ttl: z.int(), rewind: z.int().min(0) })),
  drones: z.array(z.object({ x0: z.number(), y0: z.number(), since: z.int(), dir: z.int(), checkAt: z.number().optional() })),
});

function setupOf(header: ReplayHeader): { map: (typeof MAPS)[string]; timing: RoundTiming; drones: number; lagCapTicks: number } {
  const s = ArenaSetup.safeParse(header.setup);
  const map = s.success && Object.hasOwn(MAPS, s.data.map) ? MAPS[s.data.map] : undefined;
  if (!s.success || !map) throw new ReplayError(ReplayErrorCode.BadEntry, "the replay's arena setup (map, timing, drones) is missing or names an unknown map");
  return { map, timing: { roundTicks: s.data.roundTicks, intermissionTicks: s.data.intermissionTicks }, drones: s.data.drones, lagCapTicks: s.data.lagCapTicks };
}

const bad = (entry: ReplayEntry, why: string) => new ReplayError(ReplayErrorCode.BadEntry, `arena command ${JSON.stringify(entry).slice(0, 80)}: ${why}`);

/** Fields per intent in a "t" command: id, dx, dy, aim, fire, seen (ArenaGame's encodeTick). */
export const INTENT_FIELDS = 6;

/** A "t" command back into the inputs map step() consumed. */
function decodeTick(entry: ReplayEntry): { inputs: Map<string, Intent[]>; dt: number; subSteps: number } {
  const [, dt, subSteps] = entry;
  if (typeof dt !== "number" || typeof subSteps !== "number" || (entry.length - 3) % INTENT_FIELDS !== 0) throw bad(entry, "expected dt, subSteps and intents of six fields");
  const inputs = new Map<string, Intent[]>();
  for (let i = 3; i < entry.length; i += INTENT_FIELDS) {
    const [id, dx, dy, aim, fire, seen] = entry.slice(i, i + INTENT_FIELDS);
    if (typeof id !== "string" || typeof dx !== "number" || typeof dy !== "number" || typeof aim !== "number" || (fire !== 0 && fire !== 1) || typeof seen !== "number") throw bad(entry, "malformed intent");
    let list = inputs.get(id);
    if (!list) inputs.set(id, (list = []));
    list.push({ dx, dy, aim, fire: fire === 1, seen });
  }
  return { inputs, dt, subSteps };
}

function hashPlayer(h: Hasher, p: PlayerSim): void {
  h.str(p.id).num(p.x).num(p.y).num(p.aim).num(p.hp).bool(p.alive).num(p.score).num(p.deaths).num(p.cooldown).num(p.respawnIn);
}

/**
 * Apply one arena command; a tick returns the hits, kills and round changes it produced. The
 * viewer shows its kill feed and hit flashes from these: re-simulation gives exactly the
 * events the room had, so they need no bytes in the log.
 */
export function applyArenaCommand(game: ArenaGame, entry: ReplayEntry): MatchEvent[] {
  const kind = entry[0];
  if (kind === ArenaCommand.Tick) {
    const { inputs, dt, subSteps } = decodeTick(entry);
    return game.tick(inputs, dt, subSteps);
  }
  if (kind !== ArenaCommand.Join && kind !== ArenaCommand.Leave) throw bad(entry, "unknown command");
  const id = entry[1];
  if (typeof id !== "string") throw bad(entry, "expected a player id");
  if (kind === ArenaCommand.Join) game.join(id);
  else game.leave(id);
  return [];
}

export const arenaReplayRules: ReplayRules<ArenaGame> = {
  roomType: RoomName.Arena,
  rulesVersion: ARENA_RULES_VERSION,
  // A checksum every second of input ticks, a keyframe every five seconds.
  checksumEvery: INPUT_RATE,
  keyframeEvery: INPUT_RATE * 5,
  create(header) {
    const { map, timing, drones, lagCapTicks } = setupOf(header);
    return new ArenaGame(map, header.seed, timing, drones, undefined, lagCapTicks);
  },
  apply(game, entry) {
    applyArenaCommand(game, entry);
  },
  snapshot(game) {
    const w = game.world;
    return {
      tick: w.tick,
      round: { ...game.round },
      rng: game.rngState,
      nextProjectileId: w.nextProjectileId,
      players: [...w.players.values()].map((p) => ({ ...p, trail: [...p.trail] })),
      projectiles: w.projectiles.map((p) => ({ ...p })),
      drones: w.drones.map((d) => ({ ...d })),
    } satisfies z.input<typeof Snapshot> as Json;
  },
  restore(header, state) {
    const s = Snapshot.safeParse(state);
    if (!s.success) throw new ReplayError(ReplayErrorCode.BadEntry, "an arena keyframe is malformed");
    const game = arenaReplayRules.create(header);
    const w = game.world;
    w.tick = s.data.tick;
    Object.assign(game.round, s.data.round);
    game.resumeRng(s.data.rng);
    w.nextProjectileId = s.data.nextProjectileId;
    w.players = new Map(s.data.players.map((p) => [p.id, { ...p, trail: [...p.trail] }]));
    w.projectiles = s.data.projectiles.map((p) => ({ ...p }));
    w.drones = s.data.drones.map((d) => ({ ...d }));
    w.dronesTurned = true;
    w.turnedDrones = [];
    return game;
  },
  checksum(game) {
    const w = game.world;
    const r = game.round;
    const h = new Hasher().num(w.tick).str(r.phase).num(r.round).num(r.ticksLeft).num(game.rngState).num(w.nextProjectileId);
    h.num(w.players.size);
    for (const p of w.players.values()) hashPlayer(h, p);
    h.num(w.projectiles.length);
    for (const p of w.projectiles) h.num(p.id).str(p.owner).num(p.x).num(p.y).num(p.vx).num(p.vy).num(p.ttl).num(p.rewind);
    h.num(w.drones.length);
    for (const d of w.drones) h.num(d.x0).num(d.y0).num(d.since).num(d.dir).num(d.checkAt ?? -1);
    return h.digest();
  },
};
