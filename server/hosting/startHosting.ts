import type { Config } from "../config.ts";
import { log } from "../log.ts";
import { redactRedisUrl } from "./hostingConfig.ts";
import { connectRedis, RedisUnavailableError, survivesRedisOutages, type RedisHosting } from "./redis.ts";

/**
 * The process's hosting mode, before the server is built: one process with nothing else
 * (REDIS_URL unset), or one of several over Redis. An unreachable Redis stops the process
 * here with a message (exit code 1), before it listens.
 */
export async function startHosting(config: Config): Promise<RedisHosting | undefined> {
  if (!config.REDIS_URL) return undefined;
  try {
    const redis = await connectRedis(config.REDIS_URL);
    survivesRedisOutages(redis);
    log.info("scale-out on", { redis: redactRedisUrl(config.REDIS_URL), publicAddress: config.PUBLIC_ADDRESS ?? "(this process's own host)" });
    return redis;
  } catch (e) {
    if (!(e instanceof RedisUnavailableError)) throw e;
    log.error("redis unavailable", { error: e.message.split("\n")[0] });
    console.error(e.message);
    process.exit(1);
  }
}
