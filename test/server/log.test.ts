import { describe, expect, it } from "vitest";
import { formatLine, logFormat } from "../../server/log.ts";

describe("log format", () => {
  it("is JSON lines in production and readable otherwise, unless LOG_FORMAT says", () => {
    expect(logFormat({ NODE_ENV: "production" })).toBe("json");
    expect(logFormat({})).toBe("pretty");
    expect(logFormat({ NODE_ENV: "production", LOG_FORMAT: "pretty" })).toBe("pretty");
    expect(logFormat({ LOG_FORMAT: "json" })).toBe("json");
  });

  it("writes one parseable JSON object per line, with the room and session ids as fields", () => {
    const line = formatLine("json", "warn", "message rejected", { room: "r1", session: "s1", reason: "malformed", skipped: undefined }, "2026-01-01T00:00:00.000Z");
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({ time: "2026-01-01T00:00:00.000Z", level: "warn", msg: "message rejected", room: "r1", session: "s1", reason: "malformed" });
  });

  it("writes key=value pairs for people, quoting values with spaces", () => {
    expect(formatLine("pretty", "info", "seat taken", { room: "r1", detail: "two words" }, "T")).toBe('T info seat taken room=r1 detail="two words"');
  });
});
