import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { createLogger, defaultLogFormat, type LogSettings } from "../../server/log.ts";

/** A logger writing into two arrays of lines (stdout's and stderr's). */
function captured(settings: LogSettings) {
  const out: string[] = [];
  const err: string[] = [];
  const logger = createLogger(settings, { out: { write: (s: string) => void out.push(s) }, err: { write: (s: string) => void err.push(s) } });
  return { logger, out, err };
}

describe("log configuration", () => {
  it("is JSON lines in production and readable otherwise, unless LOG_FORMAT says; info unless LOG_LEVEL says", () => {
    expect(defaultLogFormat("production")).toBe("json");
    expect(defaultLogFormat(undefined)).toBe("pretty");
    expect(loadConfig({ NODE_ENV: "production" }).log).toEqual({ level: "info", format: "json" });
    expect(loadConfig({}).log).toEqual({ level: "info", format: "pretty" });
    expect(loadConfig({ NODE_ENV: "production", LOG_FORMAT: "pretty", LOG_LEVEL: "warn" }).log).toEqual({ level: "warn", format: "pretty" });
    expect(loadConfig({ LOG_FORMAT: "json", LOG_LEVEL: "silent" }).log).toEqual({ level: "silent", format: "json" });
  });
});

describe("the logger", () => {
  it("writes one parseable JSON object per line, with the room and session ids as fields, warnings to stderr", () => {
    const { logger, out, err } = captured({ level: "info", format: "json" });
    logger.warn({ room: "r1", session: "s1", reason: "malformed", skipped: undefined }, "message rejected");
    logger.info({ room: "r1" }, "seat taken");
    expect(err).toHaveLength(1);
    expect(err[0]!.trimEnd()).not.toContain("\n");
    const line = JSON.parse(err[0]!) as Record<string, unknown>;
    expect(line).toEqual({ time: expect.any(String), level: "warn", msg: "message rejected", room: "r1", session: "s1", reason: "malformed" });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
    expect(out.map((l) => JSON.parse(l).msg)).toEqual(["seat taken"]);
  });

  it("writes nothing under its level, and nothing at all when silent", () => {
    const warn = captured({ level: "warn", format: "json" });
    warn.logger.info({}, "quiet");
    warn.logger.error({}, "loud");
    expect(warn.out).toEqual([]);
    expect(warn.err.map((l) => JSON.parse(l).msg)).toEqual(["loud"]);
    const silent = captured({ level: "silent", format: "json" });
    silent.logger.error({}, "never");
    expect([...silent.out, ...silent.err]).toEqual([]);
  });

  it("never writes a token or chat text, even when a caller passes one", () => {
    const { logger, out } = captured({ level: "info", format: "json" });
    logger.info({ room: "r1", token: "secret-token", text: "hello there", auth: { password: "pw" }, body: { refreshToken: "refresh-secret" } }, "oops");
    expect(out[0]).not.toMatch(/secret-token|hello there|"pw"|refresh-secret/);
    expect(JSON.parse(out[0]!)).toMatchObject({ room: "r1", token: "[redacted]", text: "[redacted]", auth: { password: "[redacted]" }, body: { refreshToken: "[redacted]" } });
  });

  it("writes pino-pretty's readable lines to stdout in pretty format, synchronously (a line before process.exit is kept)", async () => {
    const script = [
      'import { createLogger } from "./server/log.ts";',
      'createLogger({ level: "info", format: "pretty" }).info({ room: "r1", detail: "two words" }, "seat taken");',
      "process.exit(0);",
    ].join("\n");
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: process.cwd(), env: { ...process.env, NO_COLOR: "1" } });
    expect(stdout).toMatch(/INFO.*seat taken/);
    expect(stdout).toMatch(/room: "r1"/);
    expect(stdout).toMatch(/detail: "two words"/);
    expect(stdout).not.toMatch(/^\{/m);
  });
});
