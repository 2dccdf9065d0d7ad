import type { DroneSim } from "./drones.ts";
import type { ArenaMap } from "./maps.ts";

/**
 * One tick's worth of a player's intent. Clients send these; they never send positions.
 * Sequencing and acks are the input buffer's job (Colyseus defineInput), not the rules'.
 */
export interface Intent {
  /** Horizontal movement direction: -1, 0 or 1. */
  dx: number;
  /** Vertical movement direction: -1, 0 or 1. */
  dy: number;
  /** Aim angle in radians (any finite value; only its direction matters). */
  aim: number;
  fire: boolean;
  /**
   * The server tick the sender was drawing the other players at when it sent this intent
   * (0 or absent: unknown). A shot is judged against that moment, within the world's cap
   * (shared/arena/lagCompensation.ts).
   */
  seen?: number;
}

export interface PlayerSim {
  id: string;
  x: number;
  y: number;
  aim: number;
  hp: number;
  alive: boolean;
  score: number;
  deaths: number;
  /** Ticks until this player may fire again. */
  cooldown: number;
  /** Ticks until a dead player respawns. */
  respawnIn: number;
  /** Where it stood each recent tick, newest first, as x, y pairs: lag compensation's past (lagCompensation.ts). */
  trail: number[];
}

export interface ProjectileSim {
  id: number;
  owner: string;
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** Ticks left before it expires. */
  ttl: number;
  /** Ticks in the past its shooter saw the other players at: it is tested against them there. */
  rewind: number;
}

/** The whole simulation state of one arena. Plain data: no methods, no Colyseus, no Phaser. */
export interface World {
  tick: number;
  map: ArenaMap;
  players: Map<string, PlayerSim>;
  projectiles: ProjectileSim[];
  nextProjectileId: number;
  /** Ambient drifting drones (shared/arena/drones.ts); they touch nothing. */
  drones: DroneSim[];
  /** Set to have syncState copy every drone (at the start, or after moving drones by hand); it clears it. */
  dronesTurned: boolean;
  /** Indices of the drones that turned since the state was last synced (syncState empties it). */
  turnedDrones: number[];
  /** Most ticks a shot is judged in the past (0: no lag compensation). */
  lagCapTicks: number;
}

export type SimEvent =
  | { type: "hit"; shooter: string; victim: string; damage: number }
  | { type: "kill"; killer: string; victim: string }
  | { type: "respawn"; player: string };

export function createWorld(map: ArenaMap, lagCapTicks = 0): World {
  return { tick: 0, map, players: new Map(), projectiles: [], nextProjectileId: 1, drones: [], dronesTurned: true, turnedDrones: [], lagCapTicks };
}

export function createPlayer(id: string, x: number, y: number): PlayerSim {
  return { id, x, y, aim: 0, hp: 0, alive: false, score: 0, deaths: 0, cooldown: 0, respawnIn: 0, trail: [] };
}
