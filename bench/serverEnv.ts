/**
 * The environment the server under test runs with (bench/server.ts): the standard scenario's
 * drones, and per-address limits raised out of the way. Its own module so a test can check
 * that the server's config still accepts it: a new cross-check in server/config.ts once made
 * every bench run fail at start, unnoticed.
 */
import { DRONES_PER_ROOM } from "./scenario.ts";

export function benchServerEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return {
    ARENA_DRONES: String(DRONES_PER_ROOM),
    // Every load client connects from 127.0.0.1: raise the per-address limits (docs/security.md)
    // far above the ~1000 clients a run opens, rather than measure the limiter's refusals.
    MAX_CONNECTIONS_PER_IP: "100000",
    MAX_HTTP_CONNECTIONS_PER_IP: "100000",
    MATCHMAKE_PER_IP_PER_MINUTE: "10000000",
    MAX_ROOMS: "10000",
    ...env,
    METRICS: "1",
    HOST: env.HOST ?? "127.0.0.1",
  };
}
