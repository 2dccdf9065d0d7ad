/**
 * How a bot finds its way around a map: pure functions over the shared map data and the
 * shared movement rule, so a bot slides along walls exactly as the server will move it.
 */
import { circleHitsAny, type Vec } from "../../geometry.ts";
import type { ArenaMap } from "../maps.ts";
import { movePlayer } from "../movement.ts";
import { PLAYER_RADIUS, PROJECTILE_RADIUS } from "../tuning.ts";
import { createPlayer } from "../world.ts";
import type { Rng } from "../../rng.ts";

export type Direction = readonly [dx: number, dy: number];

/** The eight ways an intent can move, clockwise from east. */
export const DIRECTIONS: readonly Direction[] = [
  [1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1],
];

/** Ticks of movement a direction is tried for before it is chosen. */
const LOOKAHEAD_TICKS = 12;
/** Distance between line-of-sight samples: under a projectile's diameter, so no wall is skipped. */
const SIGHT_STEP = PROJECTILE_RADIUS * 1.5;

// One scratch player reused by every look-ahead, so planning allocates nothing per call.
const scratch = createPlayer("steering", 0, 0);

/** A random point of open floor, clear of walls by a player's diameter. */
export function randomOpenPoint(map: ArenaMap, rng: Rng): Vec {
  const margin = PLAYER_RADIUS * 2;
  for (let i = 0; i < 64; i++) {
    const x = margin + rng.next() * (map.width - 2 * margin);
    const y = margin + rng.next() * (map.height - 2 * margin);
    if (!circleHitsAny(x, y, margin, map.walls)) return { x, y };
  }
  // Spawn points are open floor by definition; a map this crowded still has those.
  return map.spawns[Math.floor(rng.next() * map.spawns.length)]!;
}

/**
 * How much closer to `target` a player at `from` gets by holding `dir` for a short while,
 * moving by the shared rule (so walls block and slide exactly as on the server).
 */
export function progressToward(map: ArenaMap, from: Vec, dir: Direction, target: Vec, dt: number): number {
  scratch.x = from.x;
  scratch.y = from.y;
  for (let i = 0; i < LOOKAHEAD_TICKS; i++) movePlayer(scratch, dir[0], dir[1], dt, map);
  return Math.hypot(target.x - from.x, target.y - from.y) - Math.hypot(target.x - scratch.x, target.y - scratch.y);
}

/**
 * The direction that brings `from` closest to `target` over the look-ahead, or undefined
 * when every direction is blocked (the caller then picks another target).
 */
export function chooseDirection(map: ArenaMap, from: Vec, target: Vec, dt: number): Direction | undefined {
  let best: Direction | undefined;
  let bestProgress = 0.5; // px; less is a wall or a corner, not progress
  for (const dir of DIRECTIONS) {
    const progress = progressToward(map, from, dir, target, dt);
    if (progress > bestProgress) {
      best = dir;
      bestProgress = progress;
    }
  }
  return best;
}

/** Would a projectile fly from `a` to `b` without touching a wall? */
export function lineOfSight(map: ArenaMap, a: Vec, b: Vec): boolean {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  const steps = Math.ceil(length / SIGHT_STEP);
  for (let i = 1; i < steps; i++) {
    const t = i / steps;
    if (circleHitsAny(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, PROJECTILE_RADIUS, map.walls)) return false;
  }
  return true;
}

/** The signed difference `to − from` of two angles, in (−π, π]. */
export function angleDelta(from: number, to: number): number {
  let d = (to - from) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}
