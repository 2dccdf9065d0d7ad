/**
 * Lag compensation: a shot is judged against what its shooter saw. A client draws the other
 * players some ticks in the past (the round trip plus its interpolation delay), and every
 * intent says which server tick it was drawing them at (`seen`). A projectile fired by that
 * intent carries the difference (its `rewind`, in ticks, at most the world's cap) for its whole
 * flight, and is tested against where the other players were that many ticks ago: the path the
 * shooter watched it take, through the players as the shooter watched them move.
 *
 * Deterministic, like the rest of step(): the trail is simulation state (kept in keyframes),
 * `seen` is part of the recorded intent, and the cap is part of the replay's setup.
 * See docs/netcode.md, "Lag compensation".
 */
import { FIXED_DT_MS } from "../constants.ts";
import type { PlayerSim, World } from "./world.ts";

/** Default most a shot is judged in the past (LAG_COMPENSATION_MS): past it, a high-ping shooter must lead. */
export const DEFAULT_LAG_COMPENSATION_MS = 400;

/** The cap in ticks for a cap in ms (0 turns compensation off). */
export const lagCapTicks = (ms: number): number => Math.round(ms / FIXED_DT_MS);

/** Ticks a shot fired this tick by an intent that saw tick `seen` is rewound: within [0, cap]. */
export function rewindTicks(world: World, seen: number | undefined): number {
  if (!seen || seen <= 0 || seen > world.tick) return 0;
  return Math.min(world.tick - seen, world.lagCapTicks);
}

/** Remember where each player stands this tick (newest first), as far back as the cap. */
export function recordTrails(world: World): void {
  if (world.lagCapTicks === 0) return;
  const keep = (world.lagCapTicks + 1) * 2;
  for (const p of world.players.values()) {
    p.trail.unshift(p.x, p.y);
    if (p.trail.length > keep) p.trail.length = keep;
  }
}

/** Where `p` stood `rewind` ticks ago (its oldest known place if it has been here less long). */
export function positionAt(p: PlayerSim, rewind: number, out: { x: number; y: number }): { x: number; y: number } {
  const known = p.trail.length / 2;
  if (rewind <= 0 || known === 0) {
    out.x = p.x;
    out.y = p.y;
    return out;
  }
  // Recorded after this tick's movement, before projectiles move: entry r is r ticks ago.
  const i = Math.min(rewind, known - 1);
  out.x = p.trail[i * 2]!;
  out.y = p.trail[i * 2 + 1]!;
  return out;
}
