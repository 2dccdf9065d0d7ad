import { describe, expect, it } from "vitest";
import { SCOREBOARD_ROWS, visibleRows } from "../../game/ui/Scoreboard.ts";

const players = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`); // already best first

describe("the scoreboard's rows in a big room", () => {
  it("lists a room that fits whole, with ranks", () => {
    const shown = visibleRows(players(16), (p) => p === "p16");
    expect(shown.rows.map((r) => r.rank)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(shown.hidden).toBe(0);
  });

  it("keeps the player's own row and rank when they are below the listed best", () => {
    const shown = visibleRows(players(128), (p) => p === "p90");
    expect(shown.rows).toHaveLength(SCOREBOARD_ROWS);
    expect(shown.rows.at(-1)).toEqual({ row: "p90", rank: 90 });
    expect(shown.rows.slice(0, -1).map((r) => r.row)).toEqual(players(SCOREBOARD_ROWS - 1));
    expect(shown.hidden).toBe(128 - SCOREBOARD_ROWS);
  });

  it("lists the best when the player is among them", () => {
    const shown = visibleRows(players(128), (p) => p === "p3");
    expect(shown.rows.map((r) => r.row)).toEqual(players(SCOREBOARD_ROWS));
    expect(shown.hidden).toBe(128 - SCOREBOARD_ROWS);
  });
});
