/**
 * Host configuration, read once from environment variables and validated at start.
 * A bad value stops the server with a message naming the variable; nothing is guessed.
 */
import { z } from "zod";

const intFromEnv = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be an integer from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const EnvSchema = z.object({
  PORT: intFromEnv(2567, 0, 65535),
  HOST: z.string().optional().transform((v) => (v && v.trim() ? v.trim() : "0.0.0.0")),
  /** Malformed messages a client may send before it is disconnected. */
  MAX_INVALID_MESSAGES: intFromEnv(20, 1, 10_000),
  /** Largest WebSocket message accepted, in bytes. */
  MAX_PAYLOAD_BYTES: intFromEnv(4096, 512, 1 << 20),
  /** 1 serves GET /metrics and POST /metrics/reset (tick timing, lag, CPU; see server/metrics). */
  METRICS: intFromEnv(0, 0, 1),
});

export type Config = z.infer<typeof EnvSchema> & {
  /** Seats per room by room type name, from `<TYPE>_MAX_PLAYERS` (e.g. ARENA_MAX_PLAYERS=8). */
  roomMaxPlayers: Record<string, number>;
};

const MAX_PLAYERS_VAR = /^([A-Z][A-Z0-9]*)_MAX_PLAYERS$/;
const SEATS = intFromEnv(0, 1, 64);

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse and validate the environment. Throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const issues: string[] = [];
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) issues.push(...parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`));
  const roomMaxPlayers: Record<string, number> = {};
  for (const [key, value] of Object.entries(env)) {
    const m = MAX_PLAYERS_VAR.exec(key);
    if (!m || value === undefined || value.trim() === "") continue;
    const seats = SEATS.safeParse(value);
    if (seats.success) roomMaxPlayers[m[1]!.toLowerCase()] = seats.data;
    else issues.push(`  ${key}: ${seats.error.issues[0]?.message ?? "invalid"}`);
  }
  if (issues.length > 0 || !parsed.success) throw new ConfigError(`invalid configuration:\n${issues.join("\n")}`);
  return { ...parsed.data, roomMaxPlayers };
}
