/**
 * The reference point: the same scenario written the way a plain Colyseus room usually is.
 * float32 positions, one shared state with no per-client views, the latest input per player
 * from an ordinary message, one setInterval tick (setTimestep) and the default 20 Hz patches.
 * No defineInput (so no per-client ack prefix on patches), no walls, no projectiles.
 * Comparing it with the arena shows what our kit and rules cost on top of Colyseus itself.
 */
import { Room, type Client } from "colyseus";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { FIXED_DT_MS, PATCH_INTERVAL_MS } from "../../shared/constants.ts";
import { mapForSeats } from "../../shared/arena/maps.ts";
import { PLAYER_SPEED } from "../../shared/arena/tuning.ts";
import { createRng } from "../../shared/rng.ts";
import { DRONE_SPEED } from "../../shared/arena/drones.ts";

import { DRONES_PER_ROOM } from "../scenario.ts";
export { DRONES_PER_ROOM };

export const PLAIN_ROOM = "plain";
/** The message a plain client sends at its input rate. */
export const PLAIN_INPUT = "input";

const PlainPlayer = schema(
  { name: t.string().default(""), x: t.float32().default(0), y: t.float32().default(0), aim: t.float32().default(0) },
  "PlainPlayer",
);
type PlainPlayer = SchemaType<typeof PlainPlayer>;
const PlainDrone = schema({ x: t.float32().default(0), y: t.float32().default(0) }, "PlainDrone");
const PlainState = schema({ players: t.map(PlainPlayer), drones: t.map(PlainDrone) }, "PlainState");
type PlainState = SchemaType<typeof PlainState>;

export interface PlainInput {
  dx: number;
  dy: number;
  aim: number;
  fire: boolean;
}

/** Seats and drones per room (bench/server.ts passes the arena's), on the map the arena would pick for those seats. */
export interface PlainSetup {
  seats: number;
  drones: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export class PlainRoom extends Room<{ state: PlainState }> {
  override state = new PlainState();
  override maxClients = 16;
  private width = 0;
  private height = 0;
  private readonly latest = new Map<string, PlainInput>();
  private readonly velocities: Array<{ vx: number; vy: number }> = [];

  override onCreate(setup: Partial<PlainSetup> = {}): void {
    const rng = createRng(1);
    this.patchRate = PATCH_INTERVAL_MS;
    this.maxClients = setup.seats ?? 16;
    const map = mapForSeats(this.maxClients);
    this.width = map.width;
    this.height = map.height;
    const W = this.width;
    const H = this.height;
    for (let i = 0; i < (setup.drones ?? DRONES_PER_ROOM); i++) {
      this.state.drones.set(String(i), new PlainDrone({ x: rng.next() * W, y: rng.next() * H }));
      const heading = rng.next() * 2 * Math.PI;
      const speed = DRONE_SPEED;
      this.velocities.push({ vx: Math.cos(heading) * speed, vy: Math.sin(heading) * speed });
    }
    this.onMessage(PLAIN_INPUT, (client, input: PlainInput) => {
      if (typeof input?.dx === "number" && typeof input.dy === "number") this.latest.set(client.sessionId, input);
    });
    this.setTimestep((deltaMs) => this.tick(deltaMs / 1000), FIXED_DT_MS);
  }

  override onJoin(client: Client, options: { name?: string }): void {
    const { width: W, height: H } = this;
    this.state.players.set(client.sessionId, new PlainPlayer({ name: String(options?.name ?? ""), x: Math.random() * W, y: Math.random() * H }));
  }

  override onLeave(client: Client): void {
    this.state.players.delete(client.sessionId);
    this.latest.delete(client.sessionId);
  }

  private tick(dt: number): void {
    const { width: W, height: H } = this;
    this.state.players.forEach((p: PlainPlayer, id: string) => {
      const input = this.latest.get(id);
      if (!input) return;
      p.x = clamp(p.x + input.dx * PLAYER_SPEED * dt, 0, W);
      p.y = clamp(p.y + input.dy * PLAYER_SPEED * dt, 0, H);
      p.aim = input.aim;
    });
    let i = 0;
    this.state.drones.forEach((d) => {
      const v = this.velocities[i++]!;
      d.x += v.vx * dt;
      d.y += v.vy * dt;
      if (d.x < 0 || d.x > W) v.vx = -v.vx;
      if (d.y < 0 || d.y > H) v.vy = -v.vy;
    });
  }
}
