/**
 * Drones: ambient non-player entities that drift across the arena and bounce off its border
 * (they fly over obstacles and touch nothing). They exist to make the arena feel alive and to
 * give the load benchmark its 200 moving entities per room.
 *
 * Their motion is dead-reckoned: a drone's position is a pure function of where and when it
 * last turned (x0, y0, since) and its heading. Only a bounce changes those, so the server
 * sends a drone's fields a few times a minute instead of 20 times a second, and every client
 * computes the same path in between.
 */
import { FIXED_DT } from "../constants.ts";
import { randomInt, type Rng } from "../rng.ts";
import type { ArenaMap } from "./maps.ts";
import { quantize } from "./movement.ts";

/** Drone speed in px/s, and its size for drawing and bounds. */
export const DRONE_SPEED = 48;
export const DRONE_RADIUS = 6;
/** Headings are whole numbers of 1/65536 of a turn, so reflections are exact on every peer. */
const TURN = 65536;

export interface DroneSim {
  /** Where and at which tick the drone last turned. */
  x0: number;
  y0: number;
  since: number;
  /** Heading in 1/65536 turns. */
  dir: number;
  /**
   * Server only, never synced: the tick from which the drone can be at the border, worked
   * out when it turns, so that bounceDrones skips it until then (no trigonometry per drone
   * per tick). Undefined: test it every tick.
   */
  checkAt?: number;
}

/** Position of a drone at `tick` (ticks wrap at 2^16 in the synced `since`; see elapsedTicks). */
export function dronePosition(d: DroneSim, tick: number, out: { x: number; y: number }): { x: number; y: number } {
  const t = elapsedTicks(tick, d.since) * FIXED_DT * DRONE_SPEED;
  const a = (d.dir / TURN) * 2 * Math.PI;
  out.x = d.x0 + Math.cos(a) * t;
  out.y = d.y0 + Math.sin(a) * t;
  return out;
}

/**
 * Ticks since `since`, which the schema keeps modulo 2^16 (drones turn far more often than
 * every 18 minutes). A `since` slightly ahead of `tick` (a client drawing a moment behind the
 * server) counts as zero.
 */
export function elapsedTicks(tick: number, since: number): number {
  const e = (((tick - since) % TURN) + TURN) % TURN;
  return e > TURN - 1024 ? 0 : e;
}

/** The box drones stay in: inside the border walls by their radius. */
function bounds(map: ArenaMap) {
  const border = map.walls[0]?.h ?? 0;
  return { minX: border + DRONE_RADIUS, maxX: map.width - border - DRONE_RADIUS, minY: border + DRONE_RADIUS, maxY: map.height - border - DRONE_RADIUS };
}

export function spawnDrones(map: ArenaMap, count: number, tick: number, rng: Rng): DroneSim[] {
  const b = bounds(map);
  return Array.from({ length: count }, () => {
    const d: DroneSim = {
      x0: quantize(b.minX + rng.next() * (b.maxX - b.minX)),
      y0: quantize(b.minY + rng.next() * (b.maxY - b.minY)),
      since: tick % TURN,
      dir: randomInt(rng, TURN),
    };
    d.checkAt = firstPossibleExit(d, b, tick);
    return d;
  });
}

/** Ticks a drone travels in a straight line, after its turn at `tick`, before it can cross the box: one early, against rounding. */
function firstPossibleExit(d: DroneSim, b: ReturnType<typeof bounds>, tick: number): number {
  const a = (d.dir / TURN) * 2 * Math.PI;
  const perTick = FIXED_DT * DRONE_SPEED;
  const vx = Math.cos(a) * perTick;
  const vy = Math.sin(a) * perTick;
  const tx = vx > 0 ? (b.maxX - d.x0) / vx : vx < 0 ? (b.minX - d.x0) / vx : Number.POSITIVE_INFINITY;
  const ty = vy > 0 ? (b.maxY - d.y0) / vy : vy < 0 ? (b.minY - d.y0) / vy : Number.POSITIVE_INFINITY;
  return tick + Math.max(0, Math.floor(Math.min(tx, ty)) - 1);
}

const scratch = { x: 0, y: 0 };

/**
 * Bounce drones that have reached the border at `tick`: they turn there and then, which is
 * the only time their synced fields change. Returns how many turned; pushes their indices
 * onto `turnedOut` when given.
 */
export function bounceDrones(drones: DroneSim[], map: ArenaMap, tick: number, turnedOut?: number[]): number {
  const b = bounds(map);
  let turned = 0;
  for (let i = 0; i < drones.length; i++) {
    const d = drones[i]!;
    if (d.checkAt !== undefined && tick < d.checkAt) continue;
    const p = dronePosition(d, tick, scratch);
    const outX = p.x < b.minX || p.x > b.maxX;
    const outY = p.y < b.minY || p.y > b.maxY;
    if (!outX && !outY) continue;
    let dir = d.dir;
    if (outX) dir = (TURN / 2 - dir + TURN) % TURN; // mirror across the vertical: π − a
    if (outY) dir = (TURN - dir) % TURN; // mirror across the horizontal: −a
    d.x0 = quantize(Math.min(Math.max(p.x, b.minX), b.maxX));
    d.y0 = quantize(Math.min(Math.max(p.y, b.minY), b.maxY));
    d.since = tick % TURN;
    d.dir = dir;
    d.checkAt = firstPossibleExit(d, b, tick);
    turnedOut?.push(i);
    turned++;
  }
  return turned;
}
