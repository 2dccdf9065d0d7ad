/**
 * The browser tests' route planner, on the maps the browser tests play (rooms of up to the
 * default 16 seats, which get the maps made for 16): from any spawn point to a shot at any
 * other. The big-room maps (up to 128) are not walked by any browser test.
 */
import { describe, expect, it } from "vitest";
import type { Vec } from "../../shared/geometry.ts";
import { MAPS } from "../../shared/arena/maps.ts";
import { DEFAULT_MAX_PLAYERS } from "../../shared/arena/tuning.ts";
import { SHOT_RULES } from "./helpers/moves.ts";
import { canShoot, planRoute, type Leg } from "./helpers/route.ts";

/** Where the legs end, walked exactly. */
function walkLegs(from: Vec, legs: readonly Leg[]): Vec {
  const at = { ...from };
  for (const leg of legs) at[leg.axis] = leg.to;
  return at;
}

describe.each(Object.values(MAPS).filter((m) => m.seats <= DEFAULT_MAX_PLAYERS))("planRoute on $id", (map) => {
  it("reaches a clean shot from every spawn point at every other, in at most three legs", () => {
    for (const from of map.spawns) {
      for (const target of map.spawns) {
        if (from === target) continue;
        const legs = planRoute(map, from, target, SHOT_RULES);
        expect(legs, `route from (${from.x}, ${from.y}) to (${target.x}, ${target.y})`).toBeDefined();
        expect(legs!.length).toBeLessThanOrEqual(3);
        expect(canShoot(map, walkLegs(from, legs!), target, SHOT_RULES)).toBe(true);
      }
    }
  });
});
