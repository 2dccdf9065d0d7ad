import { describe, expect, it } from "vitest";
import { benchServerEnv } from "../../bench/serverEnv.ts";
import { loadConfig } from "../../server/config.ts";

describe("the bench's server environment", () => {
  it("is accepted by the server's config, for the standard and the big-room scenario", () => {
    const standard = loadConfig(benchServerEnv({ PORT: "2600" }));
    expect(standard.ARENA_DRONES).toBe(200);
    expect(standard.MAX_CONNECTIONS_PER_IP).toBe(100000);
    // bench/runOne.ts sets these for --room-size 128
    const big = loadConfig(benchServerEnv({ PORT: "2600", ARENA_MAX_PLAYERS: "128", ARENA_DRONES: "1000" }));
    expect(big.roomMaxPlayers.arena).toBe(128);
    expect(big.ARENA_DRONES).toBe(1000);
  });
});
