/** The party and ranked-queue settings (server/config.ts): defaults, and bad values refused by name. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";

describe("party and ranked-queue configuration", () => {
  it("has defaults that work with no setup", () => {
    expect(loadConfig({})).toMatchObject({ PARTY_MAX_SIZE: 4, RANKED_CYCLE_MS: 1000, RANKED_WINDOW_START: 3, RANKED_WINDOW_WIDEN_PER_SECOND: 1, RANKED_WINDOW_MAX: 30, RANKED_ARENA_PLAYERS: 4 });
  });

  it("refuses values out of range, a ranked arena bigger than the arena, and a window that starts wider than its cap", () => {
    expect(() => loadConfig({ PARTY_MAX_SIZE: "1" })).toThrow(/PARTY_MAX_SIZE: must be an integer from 2 to 16/);
    expect(() => loadConfig({ RANKED_CYCLE_MS: "5" })).toThrow(/RANKED_CYCLE_MS/);
    expect(() => loadConfig({ RANKED_WINDOW_WIDEN_PER_SECOND: "fast" })).toThrow(/RANKED_WINDOW_WIDEN_PER_SECOND/);
    // Unset, it follows a smaller arena down rather than stopping the server.
    expect(loadConfig({ ARENA_MAX_PLAYERS: "3" }).RANKED_ARENA_PLAYERS).toBe(3);
    expect(() => loadConfig({ RANKED_ARENA_PLAYERS: "6", ARENA_MAX_PLAYERS: "5" })).toThrow(/RANKED_ARENA_PLAYERS: must be at most the arena's 5 seats/);
    expect(() => loadConfig({ RANKED_WINDOW_START: "40", RANKED_WINDOW_MAX: "20" })).toThrow(/RANKED_WINDOW_START: must be at most RANKED_WINDOW_MAX \(20\), got 40/);
  });
});
