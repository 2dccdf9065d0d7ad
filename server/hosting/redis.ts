/**
 * Scale-out on Colyseus's own parts: with REDIS_URL set, presence is @colyseus/redis-presence
 * and the matchmaking driver is @colyseus/redis-driver, so every process sees every room.
 *
 * - At start, Redis must answer within CONNECT_TIMEOUT_MS or the server stops with a message
 *   saying so (`RedisUnavailableError`): a process that cannot reach the shared state would
 *   otherwise serve a page whose matchmaking hangs.
 * - While running, losing Redis is logged loudly (and /health turns 503), the rooms this
 *   process holds keep running (their sockets and ticks are local), and matchmaking fails
 *   fast instead of queueing. When Redis is back, this process puts its rooms' listings back
 *   (a restarted Redis has lost them) and its room count, so it is found again.
 */
import { Redis } from "ioredis";
import { matchMaker } from "colyseus";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import type { IRoomCache } from "colyseus";
import { log } from "../log.ts";
import { redactRedisUrl } from "./hostingConfig.ts";

const CONNECT_TIMEOUT_MS = 3_000;
/** A command waits for at most this many reconnection attempts, then fails (matchmaking answers an error). */
const RETRIES_PER_COMMAND = 2;
/** While Redis is down, remind the log this often. */
const NAG_MS = 10_000;
/** Where RedisDriver keeps the room listings (its ROOMCACHES_KEY). */
const ROOM_CACHES_KEY = "roomcaches";

export type RedisStatus = "off" | "up" | "down";

export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

/** RedisPresence that lets us watch its subscriber connection too. */
class WatchedRedisPresence extends RedisPresence {
  get connections(): Redis[] {
    return [this.pub, this.sub].filter((c): c is Redis => c instanceof Redis);
  }
}

/**
 * RedisDriver with `insert` (HSETNX): @colyseus/core 0.18 uses it, when a driver has it, to
 * settle which process owns a room when a create request sent over IPC times out and is
 * answered twice (colyseus/colyseus#978). RedisDriver 0.18.3 lacks it, so without this the
 * second room silently stays.
 */
class InsertingRedisDriver extends RedisDriver {
  constructor(private readonly client: Redis) {
    super(client);
  }

  async insert(room: IRoomCache): Promise<boolean> {
    return (await this.client.hsetnx(ROOM_CACHES_KEY, room.roomId, JSON.stringify(room))) === 1;
  }
}

export interface RedisHosting {
  presence: RedisPresence;
  driver: RedisDriver;
  status(): RedisStatus;
}

/** Connect to Redis or throw RedisUnavailableError with a message for the host. */
export async function connectRedis(url: string): Promise<RedisHosting> {
  await probe(url);
  const options = { maxRetriesPerRequest: RETRIES_PER_COMMAND, connectTimeout: CONNECT_TIMEOUT_MS };
  const presence = new WatchedRedisPresence(new Redis(url, options));
  const driverClient = new Redis(url, options);
  const driver = new InsertingRedisDriver(driverClient);
  const watch = watchConnections([...presence.connections, driverClient], url);
  log.info("redis connected", { redis: redactRedisUrl(url) });
  return { presence, driver, status: watch.status };
}

/** One connection attempt with no retries: fail fast at start. */
async function probe(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => undefined); // reported below, once
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new RedisUnavailableError(
      `cannot reach Redis at REDIS_URL=${redactRedisUrl(url)} (${why}).\n` +
        `Start one (Debian: sudo apt-get install -y redis-server; redis-server --port 6379 --daemonize yes) or unset REDIS_URL to run as a single process.`,
    );
  } finally {
    client.disconnect();
  }
}

/**
 * "up" while every connection is ready. The first drop is logged as an error; while down,
 * one warning every NAG_MS says it is still down (ioredis keeps reconnecting, backing off up
 * to 2 s); the return is logged too.
 */
function watchConnections(clients: Redis[], url: string): { status(): RedisStatus } {
  const down = new Set<Redis>();
  const redis = redactRedisUrl(url);
  let since = 0;
  let nagged = 0;
  for (const client of clients) {
    client.on("error", (e: Error) => {
      const now = Date.now();
      if (down.size === 0 || now - nagged < NAG_MS) return; // a drop itself is reported by "close"
      nagged = now;
      log.error("redis still unreachable", { redis, downForS: Math.round((now - since) / 1000), error: e.message });
    });
    client.on("close", () => {
      if (down.size === 0) {
        since = nagged = Date.now();
        log.error("REDIS LOST: matchmaking, lobby updates and private codes fail until it is back; rooms on this process keep running", { redis, process: matchMaker.processId });
      }
      down.add(client);
    });
    client.on("ready", () => {
      if (!down.delete(client) || down.size > 0) return;
      log.warn("redis back: republishing this process's rooms", { redis, process: matchMaker.processId, downForS: Math.round((Date.now() - since) / 1000) });
      void republish();
    });
  }
  return { status: () => (down.size > 0 ? "down" : "up") };
}

/** After an outage (Redis may have restarted empty): this process's listings and room count again. */
async function republish(): Promise<void> {
  try {
    await matchMaker.restoreMissingRoomCaches();
    await matchMaker.stats.persist(true);
  } catch (e) {
    log.error("redis back but republishing failed", { error: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * Colyseus fires some Redis writes without awaiting them (room counts, listing updates on
 * join and leave). While Redis is down those reject with nobody listening, and Node's default
 * is to crash on that. A crash would drop every room this process holds, which is what we
 * must avoid, so those rejections (and only those) are logged instead. Anything else is
 * rethrown, keeping the default crash.
 */
export function survivesRedisOutages(hosting: RedisHosting): void {
  let last = 0;
  process.on("unhandledRejection", (reason) => {
    if (!isRedisOutage(reason)) throw reason;
    const now = Date.now();
    if (now - last > 5_000) {
      last = now;
      log.error("redis write failed while Redis is unreachable (ignored; rooms keep running)", { status: hosting.status(), error: (reason as Error).message });
    }
  });
}

function isRedisOutage(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  return reason.name === "MaxRetriesPerRequestError" || /Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET/.test(reason.message);
}
