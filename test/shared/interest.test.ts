import { describe, expect, it } from "vitest";
import { cameraZoom, cellOf, cellsAround, forEachCellNotIn, inRange, INTEREST_CELL, INTEREST_MARGIN, INTEREST_VIEW, nextRange, VIEW_HEIGHT, VIEW_WIDTH, viewCentre } from "../../shared/arena/interest.ts";
import { FOUNDRY } from "../../shared/arena/maps.ts";

describe("field of view", () => {
  it("never shows more world than the fixed view, in either direction, on any window; turned on a portrait one", () => {
    for (const [w, h] of [[800, 500], [1920, 1080], [1024, 1366], [640, 360], [3000, 400], [390, 844], [360, 640], [400, 3000]] as const) {
      const z = cameraZoom(w, h);
      const [across, down] = w >= h ? [VIEW_WIDTH, VIEW_HEIGHT] : [VIEW_HEIGHT, VIEW_WIDTH];
      expect(w / z).toBeLessThanOrEqual(across + 1e-9);
      expect(h / z).toBeLessThanOrEqual(down + 1e-9);
      // and fills the view in at least one direction
      expect(Math.max(w / z / across, h / z / down)).toBeCloseTo(1);
    }
  });

  it("gives a phone held upright a useful width: over 360 world units across at 390×844, not 231", () => {
    expect(390 / cameraZoom(390, 844)).toBeGreaterThan(360);
    expect(844 / cameraZoom(844, 390), "the same phone on its side keeps the landscape view").toBeCloseTo(VIEW_WIDTH);
  });

  it("is always inside what the server sends, in either orientation, anywhere on the map (edges included)", () => {
    for (const [w, h] of [[VIEW_WIDTH, VIEW_HEIGHT], [VIEW_HEIGHT, VIEW_WIDTH]] as const) {
      for (let x = 0; x <= FOUNDRY.width; x += 40) {
        for (let y = 0; y <= FOUNDRY.height; y += 40) {
          // The camera as Phaser places it: centred on the player, stopped at the map's bounds by half its own size.
          const cx = Math.min(Math.max(x, w / 2), FOUNDRY.width - w / 2);
          const cy = Math.min(Math.max(y, h / 2), FOUNDRY.height - h / 2);
          const r = nextRange(undefined, x, y, FOUNDRY);
          for (const [px, py] of [[cx - w / 2, cy - h / 2], [cx + w / 2 - 1, cy + h / 2 - 1]] as const) {
            expect(inRange(r, cellOf(px), cellOf(py)), `${w}×${h} view of a player at ${x},${y}`).toBe(true);
          }
        }
      }
    }
  });
});

describe("interest cells", () => {
  it("cover the view and its margin around the player", () => {
    const r = nextRange(undefined, 700, 600, FOUNDRY);
    const half = INTEREST_VIEW / 2 + INTEREST_MARGIN;
    for (const [x, y] of [[700 - half, 600 - half], [700 + half, 600 + half]] as const) {
      expect(inRange(r, cellOf(x), cellOf(y))).toBe(true);
    }
    expect(inRange(r, cellOf(700 + INTEREST_VIEW), cellOf(600))).toBe(false);
  });

  it("follow the camera where it stops at the map's edge: a player in a corner sees the corner's full view", () => {
    expect(viewCentre(50, 40, FOUNDRY)).toEqual({ x: INTEREST_VIEW / 2, y: INTEREST_VIEW / 2 });
    expect(viewCentre(FOUNDRY.width - 10, 600, FOUNDRY)).toEqual({ x: FOUNDRY.width - INTEREST_VIEW / 2, y: 600 });
    const r = nextRange(undefined, 50, 40, FOUNDRY);
    expect(inRange(r, cellOf(INTEREST_VIEW + INTEREST_MARGIN - 1), cellOf(INTEREST_VIEW + INTEREST_MARGIN - 1))).toBe(true);
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
