/**
 * Host configuration, read once from environment variables and validated at start.
 * A bad value stops the server with a message naming the variable; nothing is guessed.
 */
import { z } from "zod";
import { DEFAULT_MAX_PLAYERS } from "../shared/arena/tuning.ts";

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
  ARENA_MAX_PLAYERS: intFromEnv(DEFAULT_MAX_PLAYERS, 1, 64),
  /** Malformed messages a client may send before it is disconnected. */
  MAX_INVALID_MESSAGES: intFromEnv(20, 1, 10_000),
  /** Largest WebSocket message accepted, in bytes. */
  MAX_PAYLOAD_BYTES: intFromEnv(4096, 512, 1 << 20),
});

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse and validate the environment. Throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
