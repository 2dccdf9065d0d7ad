/**
 * The services the tests need, one row each. The test run's global setup (servicesSetup.ts)
 * starts every row on a free port of 127.0.0.1 before any test and stops it at the end, unless
 * the row's environment variable names one already running. A database that a later feature
 * needs is one more row: a `start()` that resolves with its URL and a way to stop it.
 */
import { startPostgresServer } from "./postgresServer.ts";
import { startRedisServer } from "./redisServer.ts";

export interface RunningService {
  /** What a test connects to, e.g. redis://127.0.0.1:PORT. */
  url: string;
  stop(): Promise<void>;
}

export interface TestService {
  /** The key tests inject it by (`inject("services").redis`). */
  name: ServiceName;
  /** When set, the service at this URL is used and nothing is started. */
  overrideEnv: string;
  start(): Promise<RunningService>;
}

export type ServiceName = "redis" | "postgres";

export const TEST_SERVICES: readonly TestService[] = [
  {
    name: "redis",
    overrideEnv: "TEST_REDIS_URL",
    async start() {
      const redis = await startRedisServer();
      return { url: redis.url, stop: () => redis.stop() };
    },
  },
  {
    // The store tests run every case on the embedded database and on this one.
    name: "postgres",
    overrideEnv: "TEST_DATABASE_URL",
    start: () => startPostgresServer(),
  },
];

/** What the global setup hands the tests for each service: a URL, or why there is none. */
export type ProvidedServices = Record<ServiceName, { url: string; problem: string }>;
