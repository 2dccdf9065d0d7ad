import { PLAYER_RADIUS, PLAYER_SPEED, POSITION_SCALE } from "./tuning.ts";
import { circleHitsAny } from "../geometry.ts";
import type { ArenaMap } from "./maps.ts";
import type { PlayerSim } from "./world.ts";

/** Snap to the position grid, so the server's value survives quantized sync exactly. */
export const quantize = (v: number): number => Math.round(v * POSITION_SCALE) / POSITION_SCALE;

const DIAGONAL = Math.SQRT1_2;

/**
 * Move a player by one intent for dt seconds, sliding along walls axis by axis.
 * Players do not block each other, so a client can predict its own movement exactly.
 */
export function movePlayer(p: PlayerSim, dx: number, dy: number, dt: number, map: ArenaMap): void {
  if (dx === 0 && dy === 0) return;
  const scale = dx !== 0 && dy !== 0 ? DIAGONAL : 1;
  const step = PLAYER_SPEED * dt * scale;
  p.x = slideAxis(p.x, p.y, dx * step, true, map);
  p.y = slideAxis(p.y, p.x, dy * step, false, map);
}

/** Move along one axis as far as possible (binary search on the blocked fraction). */
function slideAxis(pos: number, other: number, delta: number, isX: boolean, map: ArenaMap): number {
  if (delta === 0) return pos;
  const blocked = (v: number): boolean =>
    isX ? circleHitsAny(v, other, PLAYER_RADIUS, map.walls) : circleHitsAny(other, v, PLAYER_RADIUS, map.walls);
  const target = quantize(pos + delta);
  if (!blocked(target)) return target;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 6; i++) {
    const mid = (lo + hi) / 2;
    if (blocked(pos + delta * mid)) hi = mid;
    else lo = mid;
  }
  const best = quantize(pos + delta * lo);
  return blocked(best) ? pos : best;
}
