import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";

describe("hosting configuration", () => {
  it("is all off by default: one process, no Redis, open /metrics, no monitor", () => {
    const c = loadConfig({});
    for (const name of ["REDIS_URL", "PUBLIC_ADDRESS", "METRICS_TOKEN", "MONITOR_PASSWORD"] as const) expect(c[name]).toBeUndefined();
  });

  it("accepts a Redis URL and public addresses with a port or a path", () => {
    expect(loadConfig({ REDIS_URL: "redis://:pw@10.0.0.5:6379/2" }).REDIS_URL).toBe("redis://:pw@10.0.0.5:6379/2");
    expect(loadConfig({ PUBLIC_ADDRESS: "play.example.com:2568" }).PUBLIC_ADDRESS).toBe("play.example.com:2568");
    expect(loadConfig({ PUBLIC_ADDRESS: "play.example.com/s2" }).PUBLIC_ADDRESS).toBe("play.example.com/s2");
  });

  it.each([
    ["REDIS_URL", "http://127.0.0.1:6379", /redis:\/\/ or rediss:\/\//],
    ["REDIS_URL", "not a url", /redis:\/\/ or rediss:\/\//],
    ["PUBLIC_ADDRESS", "wss://play.example.com", /without a scheme/],
    ["PUBLIC_ADDRESS", "play.example.com/s2/", /without a scheme/],
    ["METRICS_TOKEN", "short", /at least 16/],
    ["MONITOR_PASSWORD", "secret", /at least 12/],
    ["LOG_FORMAT", "xml", /one of json, pretty, got "xml"/],
    ["LOG_LEVEL", "loud", /one of fatal, error, warn, info, debug, trace, silent, got "loud"/],
  ])("refuses %s=%s with a message", (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain(name);
    expect(String(error)).toMatch(message);
  });
});
