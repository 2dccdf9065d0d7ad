import { describe, expect, it } from "vitest";
import { cameraZoom, cellOf, cellsAround, forEachCellNotIn, inRange, INTEREST_CELL, INTEREST_MARGIN, nextRange, VIEW_HEIGHT, VIEW_WIDTH, viewCentre } from "../../shared/arena/interest.ts";
import { FOUNDRY } from "../../shared/arena/maps.ts";

describe("field of view", () => {
  it("never shows more world than the fixed view, in either direction, on any window", () => {
    for (const [w, h] of [[800, 500], [1920, 1080], [1024, 1366], [640, 360], [3000, 400]] as const) {
      const z = cameraZoom(w, h);
      expect(w / z).toBeLessThanOrEqual(VIEW_WIDTH + 1e-9);
      expect(h / z).toBeLessThanOrEqual(VIEW_HEIGHT + 1e-9);
      // and fills the view in at least one direction
      expect(Math.max(w / z / VIEW_WIDTH, h / z / VIEW_HEIGHT)).toBeCloseTo(1);
    }
  });
});

describe("interest cells", () => {
  it("cover the view and its margin around the player", () => {
    const r = nextRange(undefined, 700, 600, FOUNDRY);
    for (const [x, y] of [[700 - VIEW_WIDTH / 2 - INTEREST_MARGIN, 600 - VIEW_HEIGHT / 2 - INTEREST_MARGIN], [700 + VIEW_WIDTH / 2 + INTEREST_MARGIN, 600 + VIEW_HEIGHT / 2 + INTEREST_MARGIN]] as const) {
      expect(inRange(r, cellOf(x), cellOf(y))).toBe(true);
    }
    expect(inRange(r, cellOf(700 + VIEW_WIDTH), cellOf(600))).toBe(false);
  });

  it("follow the camera where it stops at the map's edge: a player in a corner sees the corner's full view", () => {
    expect(viewCentre(50, 40, FOUNDRY)).toEqual({ x: VIEW_WIDTH / 2, y: VIEW_HEIGHT / 2 });
    expect(viewCentre(FOUNDRY.width - 10, 600, FOUNDRY)).toEqual({ x: FOUNDRY.width - VIEW_WIDTH / 2, y: 600 });
    const r = nextRange(undefined, 50, 40, FOUNDRY);
    expect(inRange(r, cellOf(VIEW_WIDTH + INTEREST_MARGIN - 1), cellOf(VIEW_HEIGHT + INTEREST_MARGIN - 1))).toBe(true);
  });

  it("stay put for small moves and follow a real one", () => {
    const r = nextRange(undefined, 700, 600, FOUNDRY);
    expect(nextRange(r, 710, 590, FOUNDRY)).toBe(r);
    const moved = nextRange(r, 700 + 3 * INTEREST_CELL, 600, FOUNDRY);
    expect(moved).not.toBe(r);
    expect(moved.x1).toBeGreaterThan(r.x1);
  });

  it("visit exactly the cells of one range missing from another", () => {
    const a = cellsAround(500, 500, 0);
    const b = { ...a, x0: a.x0 + 1 };
    const visited: Array<[number, number]> = [];
    forEachCellNotIn(a, b, (cx, cy) => visited.push([cx, cy]));
    expect(visited).toHaveLength(a.y1 - a.y0 + 1);
    expect(visited.every(([cx]) => cx === a.x0)).toBe(true);
    let all = 0;
    forEachCellNotIn(a, undefined, () => all++);
    expect(all).toBe((a.x1 - a.x0 + 1) * (a.y1 - a.y0 + 1));
  });
});
