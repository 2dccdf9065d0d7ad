import { describe, expect, it } from "vitest";
import { HULL, place, type Pt } from "../../game/scenes/art/shapes.ts";
import { Trails, TRAIL_LENGTH, TRAIL_POINTS } from "../../game/scenes/art/trails.ts";
import { PLAYER_RADIUS } from "../../shared/arena/tuning.ts";

describe("the ship's hull", () => {
  it("points its nose along the aim, wherever the ship is", () => {
    const out: Pt[] = [];
    for (const aim of [0, Math.PI / 2, Math.PI, -Math.PI / 3]) {
      const pts = place(HULL, 100, 50, aim, out);
      // The point farthest from the centre is the nose, and it lies along the aim.
      const nose = pts.reduce((a, b) => (Math.hypot(b.x - 100, b.y - 50) > Math.hypot(a.x - 100, a.y - 50) ? b : a));
      expect(Math.atan2(nose.y - 50, nose.x - 100)).toBeCloseTo(Math.atan2(Math.sin(aim), Math.cos(aim)), 6);
    }
  });

  it("stays close to the hit circle: only the nose reaches past it, and not by much", () => {
    const reach = HULL.map((p) => Math.hypot(p.x, p.y));
    expect(reach.filter((r) => r > PLAYER_RADIUS)).toHaveLength(1);
    expect(Math.max(...reach)).toBeLessThanOrEqual(PLAYER_RADIUS * 1.3);
  });

  it("reuses the output array instead of allocating per frame", () => {
    const out: Pt[] = [];
    const first = place(HULL, 0, 0, 0, out);
    const firstPoint = first[0];
    expect(place(HULL, 5, 5, 1, out)).toBe(out);
    expect(out[0]).toBe(firstPoint);
    expect(out).toHaveLength(HULL.length);
  });
});

describe("projectile trails", () => {
  it("keeps the last few positions of each projectile, oldest first", () => {
    const t = new Trails();
    for (let i = 0; i < TRAIL_POINTS + 3; i++) {
      t.add("p", i * 5, 0);
      t.end();
    }
    const pts = t.points("p");
    expect(pts).toHaveLength(TRAIL_POINTS);
    expect(pts.map((p) => p.x)).toEqual(Array.from({ length: TRAIL_POINTS }, (_, i) => (i + 3) * 5));
  });

  it("is never longer than TRAIL_LENGTH world units, however far a shot went between frames", () => {
    const t = new Trails();
    for (const x of [0, 100, 200, 210]) t.add("p", x, 0);
    const pts = t.points("p");
    expect(pts.map((p) => p.x)).toEqual([210 - TRAIL_LENGTH, 200, 210]);
  });

  it("forgets a projectile the frame it is no longer seen", () => {
    const t = new Trails();
    t.add("a", 0, 0);
    t.add("b", 0, 0);
    t.end();
    t.add("a", 5, 0);
    t.end();
    expect(t.size).toBe(1);
    expect(t.points("b")).toEqual([]);
    expect(t.points("a")).toHaveLength(2);
  });

  it("adds no point while a projectile stands still between frames", () => {
    const t = new Trails();
    t.add("a", 1, 1);
    t.add("a", 1, 1);
    t.end();
    expect(t.points("a")).toHaveLength(1);
  });
});
