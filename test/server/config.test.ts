import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";

describe("configuration from the environment", () => {
  it("has safe defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 2567, HOST: "0.0.0.0", MAX_INVALID_MESSAGES: 20, MAX_PAYLOAD_BYTES: 4096, roomMaxPlayers: {} });
  });

  it("reads per-room-type seat limits", () => {
    expect(loadConfig({ ARENA_MAX_PLAYERS: "8", CONNECT4_MAX_PLAYERS: "2" }).roomMaxPlayers).toEqual({ arena: 8, connect4: 2 });
  });

  it("refuses bad values, naming every bad variable", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "http", ARENA_MAX_PLAYERS: "1000" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain("PORT");
    expect(String(error)).toContain("ARENA_MAX_PLAYERS");
  });
});
