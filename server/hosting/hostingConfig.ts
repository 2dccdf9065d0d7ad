/**
 * The hosting part of the configuration (scale-out, health, metrics, monitor), spread
 * into config.ts's schema. Each is optional: unset, the server runs as one process with
 * nothing else, exactly as without them.
 */
import { z } from "zod";

const optionalText = (check: (v: string) => string | undefined) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      const problem = check(v.trim());
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return v.trim();
    });

/** `host:port`, `host`, or `host[:port]/path/prefix`, without a scheme (the client adds ws:// or wss://). */
const PUBLIC_ADDRESS = /^[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~-]+)*$/;

export const hostingEnv = {
  /** redis:// or rediss:// URL: presence and matchmaking move to Redis (several processes). */
  REDIS_URL: optionalText((v) => {
    try {
      const url = new URL(v);
      return url.protocol === "redis:" || url.protocol === "rediss:" ? undefined : `must be a redis:// or rediss:// URL, got "${url.protocol}//…"`;
    } catch {
      return "must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379";
    }
  }),
  /** Where clients reach this process's rooms: host:port or host/path (no scheme). */
  PUBLIC_ADDRESS: optionalText((v) =>
    PUBLIC_ADDRESS.test(v) ? undefined : `must be host:port or host/path without a scheme (e.g. "play.example.com:2568" or "play.example.com/s2"), got "${v}"`,
  ),
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  METRICS_TOKEN: optionalText((v) => (v.length >= 16 ? undefined : "must be at least 16 characters")),
  /** When set, the Colyseus monitor is served at /colyseus behind HTTP basic auth with this password. */
  MONITOR_PASSWORD: optionalText((v) => (v.length >= 12 ? undefined : "must be at least 12 characters")),
};

/** The Redis URL with any password replaced, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
