import { describe, expect, it } from "vitest";
import { bounceDrones, DRONE_RADIUS, dronePosition, elapsedTicks, spawnDrones, type DroneSim } from "../../shared/arena/drones.ts";
import { FOUNDRY } from "../../shared/arena/maps.ts";
import { createRng } from "../../shared/rng.ts";

const BORDER = 24;
const inside = (p: { x: number; y: number }) =>
  p.x >= BORDER + DRONE_RADIUS - 1 && p.x <= FOUNDRY.width - BORDER - DRONE_RADIUS + 1 && p.y >= BORDER + DRONE_RADIUS - 1 && p.y <= FOUNDRY.height - BORDER - DRONE_RADIUS + 1;

describe("drones", () => {
  it("drift in straight lines, bounce off the border and never leave the arena", () => {
    const drones = spawnDrones(FOUNDRY, 100, 0, createRng(5));
    const at = { x: 0, y: 0 };
    let bounces = 0;
    // 720,000 positions: checked plainly and the first one outside reported, since an expect() per position costs seconds.
    let outside: string | undefined;
    for (let tick = 1; tick <= 60 * 120 && outside === undefined; tick++) {
      bounces += bounceDrones(drones, FOUNDRY, tick);
      for (const [i, d] of drones.entries()) {
        if (!inside(dronePosition(d, tick, at))) outside = `drone ${i} at tick ${tick}: (${at.x}, ${at.y})`;
      }
    }
    expect(outside).toBeUndefined();
    expect(bounces).toBeGreaterThan(100);
  });

  it("change their synced fields only when they turn", () => {
    const drones = spawnDrones(FOUNDRY, 50, 0, createRng(9));
    const snapshot = (d: DroneSim) => `${d.x0},${d.y0},${d.dir},${d.since}`;
    let changes = 0;
    let turns = 0;
    for (let tick = 1; tick <= 3600; tick++) {
      const before = drones.map(snapshot);
      turns += bounceDrones(drones, FOUNDRY, tick);
      changes += drones.filter((d, i) => snapshot(d) !== before[i]).length;
    }
    expect(changes).toBe(turns);
    // A drone crosses the arena in tens of seconds: far fewer changes than ticks.
    expect(changes).toBeLessThan(50 * 3600 * 0.01);
  });

  it("move continuously through a bounce (no jump at the border)", () => {
    const [d] = spawnDrones(FOUNDRY, 1, 0, createRng(3));
    const a = { x: 0, y: 0 };
    const b = { x: 0, y: 0 };
    for (let tick = 1; tick <= 60 * 60; tick++) {
      dronePosition(d!, tick - 1, a);
      bounceDrones([d!], FOUNDRY, tick);
      dronePosition(d!, tick, b);
      expect(Math.hypot(b.x - a.x, b.y - a.y)).toBeLessThan(2);
    }
  });

  it("turn at the same ticks and places whether or not bounceDrones skips drones far from the border", () => {
    const skipping = spawnDrones(FOUNDRY, 100, 0, createRng(11));
    const everyTick = skipping.map((d) => ({ ...d }));
    for (let tick = 1; tick <= 60 * 180; tick++) {
      for (const d of everyTick) d.checkAt = undefined; // test every drone on every tick
      expect(bounceDrones(skipping, FOUNDRY, tick)).toBe(bounceDrones(everyTick, FOUNDRY, tick));
    }
    expect(skipping.map(({ x0, y0, dir, since }) => [x0, y0, dir, since])).toEqual(everyTick.map(({ x0, y0, dir, since }) => [x0, y0, dir, since]));
  });

  it("count elapsed ticks across the 16-bit wrap, and a turn just ahead of the viewer as now", () => {
    expect(elapsedTicks(65540, 65530)).toBe(10);
    expect(elapsedTicks(5, 65530)).toBe(11);
    expect(elapsedTicks(100, 103)).toBe(0);
  });
});
