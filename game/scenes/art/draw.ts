/**
 * Drawing the arena's moving things into a Graphics each frame: ships, drones, shots and their
 * trails. Only shapes and colours here; where things are comes from the scene.
 */
import type Phaser from "phaser";
import { PLAYER_RADIUS, PROJECTILE_RADIUS } from "../../../shared/arena/tuning.ts";
import { DRONE_RADIUS } from "../../../shared/arena/drones.ts";
import { mix, Palette } from "../palette.ts";
import { CANOPY, ENGINES, HULL, place, ROTOR_RADIUS, ROTORS, type Pt } from "./shapes.ts";

type G = Phaser.GameObjects.Graphics;

const hull: Pt[] = [];
const canopy: Pt[] = [];
const spots: Pt[] = [];
const lit: Pt[] = [];

/** Phaser's types ask for Vector2s, but fillPoints and strokePoints read only x and y. */
const v = (pts: Pt[]): Phaser.Math.Vector2[] => pts as unknown as Phaser.Math.Vector2[];

export interface ShipLook {
  /** The hull's colour (already flashed by a hit). */
  fill: number;
  /** The outline: its width and colour (the colour-blind palette varies both by friend and foe). */
  edge: number;
  edgeColour: number;
}

/**
 * A ship at (x, y) pointing along `angle`: a soft shadow, engine glow, the hull with a darker
 * underside half (so it reads as a shape with a top, not a flat sticker), its outline and canopy.
 */
export function drawShip(g: G, x: number, y: number, angle: number, look: ShipLook): void {
  g.fillStyle(0x000000, 0.35).fillEllipse(x + 3, y + 5, PLAYER_RADIUS * 2.1, PLAYER_RADIUS * 1.6);
  for (const e of place(ENGINES, x, y, angle, spots)) g.fillStyle(Palette.engine, 0.5).fillCircle(e.x, e.y, 5).fillStyle(Palette.engine, 0.9).fillCircle(e.x, e.y, 2.5);
  const pts = place(HULL, x, y, angle, hull);
  g.fillStyle(mix(look.fill, 0x000000, 0.35), 1).fillPoints(v(pts), true);
  // The upper half lit: nose, left wing and tail notch (hull points 0..4).
  for (let i = 0; i < 5; i++) lit[i] = pts[i]!;
  g.fillStyle(look.fill, 1).fillPoints(v(lit), true);
  g.lineStyle(look.edge, look.edgeColour, 1).strokePoints(v(pts), true);
  g.fillStyle(Palette.canopy, 0.95).fillPoints(v(place(CANOPY, x, y, angle, canopy)), true);
}

/**
 * A drone: four rotor discs on a cross, a body with a red eye. `spin` (radians) turns the rotor
 * blades; a reduced-motion player gets still blades.
 */
export function drawDrone(g: G, x: number, y: number, spin: number): void {
  g.fillStyle(0x000000, 0.3).fillCircle(x + 2, y + 4, DRONE_RADIUS * 1.6);
  g.lineStyle(2, Palette.droneArm, 1);
  for (const r of ROTORS) g.lineBetween(x, y, x + r.x, y + r.y);
  for (const r of ROTORS) {
    const cx = x + r.x;
    const cy = y + r.y;
    g.fillStyle(Palette.drone, 0.35).fillCircle(cx, cy, ROTOR_RADIUS);
    const bx = Math.cos(spin) * ROTOR_RADIUS;
    const by = Math.sin(spin) * ROTOR_RADIUS;
    g.lineStyle(1.5, 0xd0d7ff, 0.9).lineBetween(cx - bx, cy - by, cx + bx, cy + by);
  }
  g.fillStyle(Palette.drone, 1).fillCircle(x, y, DRONE_RADIUS * 0.8);
  g.lineStyle(1, 0xd0d7ff, 1).strokeCircle(x, y, DRONE_RADIUS * 0.8);
  g.fillStyle(Palette.droneEye, 1).fillCircle(x, y, DRONE_RADIUS * 0.3);
}

/** A shot: its trail (oldest points faint and thin), a glow and a bright core. */
export function drawShot(g: G, x: number, y: number, trail: readonly Pt[], colour: number): void {
  for (let i = 1; i < trail.length; i++) {
    const t = i / trail.length;
    const a = trail[i - 1]!;
    const b = trail[i]!;
    g.lineStyle(PROJECTILE_RADIUS * 2 * t, colour, 0.55 * t).lineBetween(a.x, a.y, b.x, b.y);
  }
  const last = trail[trail.length - 1];
  if (last) g.lineStyle(PROJECTILE_RADIUS * 2, colour, 0.6).lineBetween(last.x, last.y, x, y);
  g.fillStyle(colour, 0.3).fillCircle(x, y, PROJECTILE_RADIUS * 2);
  g.fillStyle(0xffffff, 1).fillCircle(x, y, PROJECTILE_RADIUS * 0.7);
  g.fillStyle(colour, 1).fillCircle(x, y, PROJECTILE_RADIUS);
  g.fillStyle(0xffffff, 1).fillCircle(x, y, PROJECTILE_RADIUS * 0.5);
}
