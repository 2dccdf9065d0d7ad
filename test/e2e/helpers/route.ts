/**
 * Where a player must walk to get a clean shot at another, on any map from shared/arena/maps.ts.
 * Players spawn at random points with walls between them, so a test cannot just aim and fire.
 * The route is a few straight legs along one axis each, so a test can walk it by holding
 * one movement key per leg.
 */
import { PLAYER_RADIUS, PROJECTILE_RADIUS } from "../../../shared/arena/tuning.ts";
import { circleHitsAny, type Vec } from "../../../shared/geometry.ts";
import type { ArenaMap } from "../../../shared/arena/maps.ts";

/** Walk along `axis` until that coordinate is `to`. */
export interface Leg {
  axis: "x" | "y";
  to: number;
}

/** How far from the target the shooter may stand. */
export interface ShotRules {
  /** Not so close that the shot starts beside or inside the target. */
  minDistance: number;
  /** Well inside the projectile's range. */
  maxDistance: number;
  /**
   * "right": the shot must head within 65° of east, so a tap on the right half of a touch
   * screen (which fires from the player towards the tap) can point at the target. Not
   * tighter: a target spawned behind the east cover wall is only reached by a steep shot.
   */
  heading?: "right";
}

const CELL = 16;
/** Room kept around walls on the route, so overshooting a leg by a few frames never touches one. */
const ROUTE_MARGIN = 20;
/** Room kept between a planned shot and any wall; the shot is checked again with less before firing. */
const PLAN_SHOT_MARGIN = 12;
const SHOT_SAMPLE_PX = 4;
/** A search state is a cell and how the walker arrived there: one of the four STEPS, or NOT_MOVED. */
const STEPS: ReadonlyArray<readonly [number, number]> = [[1, 0], [-1, 0], [0, 1], [0, -1]];
const NOT_MOVED = 4;
const ARRIVALS = 5;
/** A turn costs as much as this many cells of walking: each leg is a key press and a round trip. */
const TURN_COST = 6;

/** Does a projectile fly from `from` to `to` without touching a wall (with `margin` px to spare)? */
export function clearShot(map: ArenaMap, from: Vec, to: Vec, margin: number): boolean {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const samples = Math.ceil(length / SHOT_SAMPLE_PX);
  for (let i = 0; i <= samples; i++) {
    const t = samples === 0 ? 0 : i / samples;
    if (circleHitsAny(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t, PROJECTILE_RADIUS + margin, map.walls)) return false;
  }
  return true;
}

const RIGHT_HEADING_MAX = (65 * Math.PI) / 180;

export function canShoot(map: ArenaMap, from: Vec, to: Vec, rules: ShotRules, margin = 2): boolean {
  const distance = Math.hypot(to.x - from.x, to.y - from.y);
  if (rules.heading === "right" && Math.atan2(Math.abs(to.y - from.y), to.x - from.x) > RIGHT_HEADING_MAX) return false;
  return distance >= rules.minDistance && distance <= rules.maxDistance && clearShot(map, from, to, margin);
}

/**
 * The legs from `from` to the nearest place with a clean shot at `target`, or undefined
 * when there is none. Shortest path over grid cells (Dijkstra with a bucket queue) where
 * a turn costs extra, so the route is short and has few legs.
 */
export function planRoute(map: ArenaMap, from: Vec, target: Vec, rules: ShotRules): Leg[] | undefined {
  const cols = Math.floor(map.width / CELL);
  const rows = Math.floor(map.height / CELL);
  const centre = (cell: number): Vec => ({ x: (cell % cols) * CELL + CELL / 2, y: Math.floor(cell / cols) * CELL + CELL / 2 });
  const free = (cell: number): boolean => {
    const c = centre(cell);
    return !circleHitsAny(c.x, c.y, PLAYER_RADIUS + ROUTE_MARGIN, map.walls);
  };
  // A cell is reached in up to ARRIVALS states; check its shot once (0 unknown, 1 yes, 2 no).
  const shot = new Uint8Array(cols * rows);
  const isGoal = (cell: number): boolean => {
    if (shot[cell] === 0) shot[cell] = canShoot(map, centre(cell), target, rules, PLAN_SHOT_MARGIN) ? 1 : 2;
    return shot[cell] === 1;
  };
  const start = (Math.floor(from.y / CELL) * cols + Math.floor(from.x / CELL)) * ARRIVALS + NOT_MOVED;
  const cost = new Int32Array(cols * rows * ARRIVALS).fill(-1);
  const parent = new Int32Array(cols * rows * ARRIVALS).fill(-1);
  const buckets: number[][] = [[start]];
  cost[start] = 0;
  for (let c = 0; c < buckets.length; c++) {
    for (const state of buckets[c] ?? []) {
      if (cost[state] !== c) continue; // reached again more cheaply
      const cell = Math.floor(state / ARRIVALS);
      const arrived = state % ARRIVALS;
      if (isGoal(cell)) return legsTo(state, parent, centre);
      for (let dir = 0; dir < 4; dir++) {
        const [sx, sy] = STEPS[dir]!;
        const x = (cell % cols) + sx;
        const y = Math.floor(cell / cols) + sy;
        if (x < 0 || y < 0 || x >= cols || y >= rows || !free(y * cols + x)) continue;
        const next = (y * cols + x) * ARRIVALS + dir;
        const nextCost = c + 1 + (arrived !== NOT_MOVED && arrived !== dir ? TURN_COST : 0);
        if (cost[next] !== -1 && cost[next]! <= nextCost) continue;
        cost[next] = nextCost;
        parent[next] = state;
        (buckets[nextCost] ??= []).push(next);
      }
    }
  }
  return undefined;
}

function legsTo(goal: number, parent: Int32Array, centre: (cell: number) => Vec): Leg[] {
  // Already in the right cell, but maybe not at its centre, the point that was checked.
  if (parent[goal] === -1) {
    const at = centre(Math.floor(goal / ARRIVALS));
    return [{ axis: "x", to: at.x }, { axis: "y", to: at.y }];
  }
  const legs: Leg[] = [];
  for (let state = goal; parent[state] !== -1; state = parent[state]!) {
    const at = centre(Math.floor(state / ARRIVALS));
    const axis = state % ARRIVALS < 2 ? "x" : "y"; // STEPS 0 and 1 move along x
    // Steps are walked from the goal backwards; a run of steps on one axis is one leg.
    if (legs[0]?.axis !== axis) legs.unshift({ axis, to: axis === "x" ? at.x : at.y });
  }
  return legs;
}
