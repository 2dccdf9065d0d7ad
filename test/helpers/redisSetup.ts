/**
 * Vitest global setup: the Redis the hosting tests use. TEST_REDIS_URL when set (.ci/run
 * starts one and sets it); otherwise a throwaway redis-server started here and stopped at the
 * end. With neither, the hosting tests fail and say why (they never skip).
 */
import type { TestProject } from "vitest/node";
import { startRedisServer, type RedisServer } from "./redisServer.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The tests' Redis, or "" with `redisProblem` saying why there is none. */
    redisUrl: string;
    redisProblem: string;
  }
}

let own: RedisServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.TEST_REDIS_URL?.trim();
  if (given) {
    project.provide("redisUrl", given);
    project.provide("redisProblem", "");
    return;
  }
  try {
    own = await startRedisServer();
    project.provide("redisUrl", own.url);
    project.provide("redisProblem", "");
  } catch (e) {
    project.provide("redisUrl", "");
    project.provide("redisProblem", e instanceof Error ? e.message : String(e));
  }
}

export async function teardown(): Promise<void> {
  await own?.kill();
}
