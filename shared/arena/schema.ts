/**
 * The synced arena state. Data only: fields and defaults, no methods.
 * Rules live in shared/arena/step.ts; the server copies the simulation into these after each tick.
 */
import { schema, t, type SchemaType } from "@colyseus/schema";
import { MAX_HP, POSITION_SCALE } from "./tuning.ts";

/**
 * Largest coordinate a position can carry. 65535 steps over [0, 65535/16] make each
 * wire step exactly 1/16 px, the simulation's own grid, so a synced position is exact.
 */
export const MAX_COORDINATE = 65535 / POSITION_SCALE;
const position = () => t.quantized({ min: 0, max: MAX_COORDINATE, bits: 16 }).default(0);

export const PlayerState = schema(
  {
    name: t.string().default(""),
    x: position(),
    y: position(),
    aim: t.angle().default(0),
    hp: t.uint8().default(MAX_HP),
    alive: t.boolean().default(false),
    score: t.int16().default(0),
    deaths: t.uint16().default(0),
    /** False while the player's connection is down and their seat is held for them. */
    connected: t.boolean().default(true),
    /** Round-trip time in ms, as last measured by the server's ping. */
    ping: t.uint16().default(0),
    /** A bot the server seats to fill an arena (ARENA_MIN_PLAYERS); it leaves as people arrive. */
    bot: t.boolean().default(false),
  },
  "PlayerState",
);
export type PlayerState = SchemaType<typeof PlayerState>;

export const ProjectileState = schema(
  {
    x: position(),
    y: position(),
    owner: t.string().default(""),
  },
  "ProjectileState",
);
export type ProjectileState = SchemaType<typeof ProjectileState>;

/** A drone's last turn: clients compute its position from these (shared/arena/drones.ts). */
export const DroneState = schema(
  {
    x0: position(),
    y0: position(),
    dir: t.uint16().default(0),
    /** Tick of the last turn, modulo 2^16. */
    since: t.uint16().default(0),
  },
  "DroneState",
);
export type DroneState = SchemaType<typeof DroneState>;

/** The fields every client receives in full (fresh builders on each call, one set per schema). */
export const arenaSharedFields = () => ({
  mapId: t.string().default(""),
  /** "playing" or "intermission" (the end-of-round scoreboard). */
  phase: t.string().default("playing"),
  round: t.uint16().default(1),
  /** Whole seconds until the phase changes. */
  secondsLeft: t.uint16().default(0),
  tick: t.uint32().default(0),
  /** Every player, for everyone: there are few, and the minimap shows them all. */
  players: t.map(PlayerState),
});

export const ArenaState = schema(
  {
    ...arenaSharedFields(),
    /**
     * Projectiles and drones are per client (`.view()`): each client's StateView holds only
     * those near it (shared/arena/interest.ts), so a client's array and map hold a subset.
     */
    projectiles: t.map(ProjectileState).view(),
    drones: t.array(DroneState).view(),
  },
  "ArenaState",
);
export type ArenaState = SchemaType<typeof ArenaState>;
