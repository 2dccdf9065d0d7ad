import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it("reads ARENA_MIN_PLAYERS (default 0, no bots) and refuses more than the arena's seats", () => {
    expect(loadConfig({}).ARENA_MIN_PLAYERS).toBe(0);
    expect(loadConfig({ ARENA_MIN_PLAYERS: "16" }).ARENA_MIN_PLAYERS).toBe(16);
    expect(loadConfig({ ARENA_MIN_PLAYERS: "8", ARENA_MAX_PLAYERS: "8" }).ARENA_MIN_PLAYERS).toBe(8);
    expect(() => loadConfig({ ARENA_MIN_PLAYERS: "17" })).toThrow(/ARENA_MIN_PLAYERS: must be at most the arena's 16 seats/);
    expect(() => loadConfig({ ARENA_MIN_PLAYERS: "9", ARENA_MAX_PLAYERS: "8" })).toThrow(/ARENA_MIN_PLAYERS: must be at most the arena's 8 seats/);
    expect(() => loadConfig({ ARENA_MIN_PLAYERS: "-1" })).toThrow(/ARENA_MIN_PLAYERS/);
    expect(() => loadConfig({ ARENA_MIN_PLAYERS: "six" })).toThrow(/ARENA_MIN_PLAYERS/);
  });

  it("has safe chat defaults: 5 messages per 10 s after a burst of 3, a 60 s mute for 20 refusals in 60 s, no blocked words", () => {
    expect(loadConfig({}).chat).toEqual({
      rate: { messages: 5, windowSeconds: 10, burst: 3, floodRefusals: 20, floodWindowSeconds: 60, muteSeconds: 60 },
      blocklist: [],
    });
  });

  it("reads the chat blocklist from the environment and from a file", () => {
    const file = join(mkdtempSync(join(tmpdir(), "skirmish-")), "blocklist.txt");
    writeFileSync(file, "# one per line\nfoo\nbar baz\n");
    expect(loadConfig({ CHAT_BLOCKLIST: "heck, darn", CHAT_BLOCKLIST_FILE: file }).chat.blocklist).toEqual(["heck", "darn", "foo", "bar baz"]);
  });

  it("refuses bad chat settings and an unreadable blocklist file", () => {
    expect(() => loadConfig({ CHAT_BURST: "0" })).toThrow(/CHAT_BURST/);
    expect(() => loadConfig({ CHAT_RATE_WINDOW_SECONDS: "soon" })).toThrow(/CHAT_RATE_WINDOW_SECONDS/);
    expect(() => loadConfig({ CHAT_BLOCKLIST_FILE: "/nonexistent/blocklist.txt" })).toThrow(/CHAT_BLOCKLIST_FILE/);
  });

  it("has safe flood, access and shutdown defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ MAX_MESSAGES_PER_SECOND: 120, MAX_CONNECTIONS_PER_IP: 64, MATCHMAKE_PER_IP_PER_MINUTE: 300, MAX_ROOMS: 500, trustProxy: { kind: "none" }, SHUTDOWN_GRACE_SECONDS: 10 });
    expect(c.allowedOrigins).toBeUndefined();
  });

  it("reads ALLOWED_ORIGINS as exact origins and refuses anything that is not one", () => {
    expect(loadConfig({ ALLOWED_ORIGINS: " https://play.example.com ,http://localhost:5173" }).allowedOrigins).toEqual(["https://play.example.com", "http://localhost:5173"]);
    expect(() => loadConfig({ ALLOWED_ORIGINS: "https://play.example.com/" })).toThrow(/ALLOWED_ORIGINS: .*did you mean "https:\/\/play.example.com"/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: "play.example.com" })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: "https://a.example/path" })).toThrow(/ALLOWED_ORIGINS/);
  });

  it("refuses out-of-range limits, naming each variable", () => {
    expect(() => loadConfig({ MAX_MESSAGES_PER_SECOND: "5", MAX_ROOMS: "0", SHUTDOWN_GRACE_SECONDS: "-1", TRUST_PROXY: "yes" })).toThrow(
      /MAX_MESSAGES_PER_SECOND[\s\S]*MAX_ROOMS[\s\S]*SHUTDOWN_GRACE_SECONDS[\s\S]*TRUST_PROXY/,
    );
  });
});
