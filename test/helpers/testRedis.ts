/**
 * The hosting tests' Redis: one logical database per test file (`db`), flushed when the
 * file starts, so files running side by side never see each other's rooms.
 * The URL comes from the global setup (servicesSetup.ts); without one the test fails here.
 */
import { Redis } from "ioredis";
import { beforeAll, beforeEach, inject } from "vitest";
import { REDIS_INSTALL_HINT } from "./redisServer.ts";

export interface TestRedis {
  /** The URL a server process is given (REDIS_URL), with this file's database. */
  url: string;
  /** A client on the same database, for reading what the servers wrote. */
  client: Redis;
  close(): Promise<void>;
}

export async function testRedis(db: number): Promise<TestRedis> {
  const { url: base, problem } = inject("services").redis;
  if (!base) {
    throw new Error(
      `the hosting tests need a Redis and none is available: ${problem}\n` +
        `npm test installs redis-server when it can; or install it (${REDIS_INSTALL_HINT}), or set TEST_REDIS_URL=redis://127.0.0.1:PORT.`,
    );
  }
  const u = new URL(base);
  u.pathname = `/${db}`;
  const url = u.toString();
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 3_000 });
  client.on("error", () => undefined); // a failure surfaces as the command's error below
  try {
    await client.flushdb();
  } catch (e) {
    client.disconnect();
    throw new Error(`the tests' Redis at ${base} does not answer (${e instanceof Error ? e.message : String(e)})`);
  }
  return { url, client, close: async () => void (await client.quit()) };
}

/**
 * `beforeAll(setup)`, except that a failed setup (no Redis, say) fails every test of the
 * file with its message, where vitest would report them as skipped.
 */
export function setupOrFailEach(setup: () => Promise<void>, timeout = 60_000): void {
  let failure: unknown;
  beforeAll(async () => {
    try {
      await setup();
    } catch (e) {
      failure = e;
    }
  }, timeout);
  beforeEach(() => {
    if (failure) throw failure;
  });
}
