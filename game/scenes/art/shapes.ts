/**
 * The outlines of the arena's things, as points around the origin: pure numbers, so the
 * shapes can be checked in unit tests and drawn by any Graphics. A ship's hull points along +x
 * (its aim once rotated); a drone is four rotors on a cross around a small body.
 */
import { PLAYER_RADIUS } from "../../../shared/arena/tuning.ts";
import { DRONE_RADIUS } from "../../../shared/arena/drones.ts";

export interface Pt {
  x: number;
  y: number;
}

const R = PLAYER_RADIUS;

/**
 * The hull: a dart whose nose reaches a little past the hit circle (so the aim reads at a
 * glance) and whose swept wings and notched tail stay inside it, so what is drawn is never
 * much larger than what can be hit.
 */
export const HULL: readonly Pt[] = [
  { x: R * 1.25, y: 0 },
  { x: R * 0.1, y: -R * 0.45 },
  { x: -R * 0.5, y: -R * 0.85 },
  { x: -R * 0.8, y: -R * 0.5 },
  { x: -R * 0.45, y: 0 },
  { x: -R * 0.8, y: R * 0.5 },
  { x: -R * 0.5, y: R * 0.85 },
  { x: R * 0.1, y: R * 0.45 },
];

/** The cockpit canopy: a small diamond ahead of the centre. */
export const CANOPY: readonly Pt[] = [
  { x: R * 0.55, y: 0 },
  { x: R * 0.05, y: -R * 0.22 },
  { x: -R * 0.2, y: 0 },
  { x: R * 0.05, y: R * 0.22 },
];

/** Where the two engine glows sit, at the tail's notch either side of the centre line. */
export const ENGINES: readonly Pt[] = [
  { x: -R * 0.7, y: -R * 0.5 },
  { x: -R * 0.7, y: R * 0.5 },
];

/** Rotor hubs of a drone, on the diagonals, just outside its body. */
export const ROTORS: readonly Pt[] = [0.25, 0.75, 1.25, 1.75].map((t) => ({
  x: Math.cos(t * Math.PI) * DRONE_RADIUS * 1.25,
  y: Math.sin(t * Math.PI) * DRONE_RADIUS * 1.25,
}));
export const ROTOR_RADIUS = DRONE_RADIUS * 0.7;

/** `shape` turned by `angle` and moved to (x, y), written into `out` (reused: no garbage per frame). */
export function place(shape: readonly Pt[], x: number, y: number, angle: number, out: Pt[]): Pt[] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  for (let i = 0; i < shape.length; i++) {
    const p = shape[i]!;
    const o = (out[i] ??= { x: 0, y: 0 });
    o.x = x + p.x * c - p.y * s;
    o.y = y + p.x * s + p.y * c;
  }
  out.length = shape.length;
  return out;
}
