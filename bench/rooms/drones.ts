/**
 * Drones: non-player entities that drift across the map and bounce off its edges. The load
 * scenario asks for 200 per room, so that patches carry a realistic number of moving
 * entities; they have no part in the game, so they live in bench/ and never in shared/arena.
 * They fly over walls: the plain reference room moves its drones the same way, so the two
 * rooms differ in their netcode, not in drone physics.
 */
import { schema, t, type MapSchema, type SchemaType } from "@colyseus/schema";
import type { ArenaMap } from "../../shared/arena/maps.ts";
import { quantize } from "../../shared/arena/movement.ts";
import { MAX_COORDINATE } from "../../shared/arena/schema.ts";
import type { Rng } from "../../shared/rng.ts";

/** Drift speed in px/s; the plain room's drones move at the middle of this range. */
export const DRONE_SPEED: readonly [number, number] = [40, 120];

/** Synced like a player's position: 16-bit, exactly on the simulation's 1/16 px grid. */
export const DroneState = schema(
  {
    x: t.quantized({ min: 0, max: MAX_COORDINATE, bits: 16 }).default(0),
    y: t.quantized({ min: 0, max: MAX_COORDINATE, bits: 16 }).default(0),
  },
  "DroneState",
);
export type DroneState = SchemaType<typeof DroneState>;

interface Drone {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

export class DroneField {
  private readonly drones: Drone[] = [];

  constructor(
    private readonly map: ArenaMap,
    count: number,
    rng: Rng,
  ) {
    for (let i = 0; i < count; i++) {
      const x = rng.next() * map.width;
      const y = rng.next() * map.height;
      const speed = DRONE_SPEED[0] + rng.next() * (DRONE_SPEED[1] - DRONE_SPEED[0]);
      const heading = rng.next() * 2 * Math.PI;
      this.drones.push({ x: quantize(x), y: quantize(y), vx: Math.cos(heading) * speed, vy: Math.sin(heading) * speed });
    }
  }

  /** Drift one tick; a drone that would leave the map turns back on that axis instead. */
  step(dt: number): void {
    const { width, height } = this.map;
    for (const d of this.drones) {
      const x = quantize(d.x + d.vx * dt);
      if (x < 0 || x > width) d.vx = -d.vx;
      else d.x = x;
      const y = quantize(d.y + d.vy * dt);
      if (y < 0 || y > height) d.vy = -d.vy;
      else d.y = y;
    }
  }

  /** Mirror into the synced map (before each patch, like the players). */
  sync(states: MapSchema<DroneState>): void {
    this.drones.forEach((d, i) => {
      const key = String(i);
      let s = states.get(key);
      if (!s) {
        s = new DroneState();
        states.set(key, s);
      }
      s.x = d.x;
      s.y = d.y;
    });
  }
}
