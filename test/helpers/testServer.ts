/**
 * A real Skirmish server on an ephemeral port, built exactly as `npm start` builds it,
 * plus real @colyseus/sdk clients. No mocks.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { matchMaker } from "colyseus";
import { createServer } from "../../server/app.ts";
import { Accounts } from "../../server/auth/Accounts.ts";
import { loadConfig } from "../../server/config.ts";
import type { AnyRoomType } from "../../server/kit/registry.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";

export interface TestServer {
  url: string;
  port: number;
  client(): Client;
  /** The server's accounts (an in-memory database unless env gives DATA_DIR or DATABASE_URL). */
  accounts: Accounts;
  /** The live server-side room instance, for arranging a scene and reading the truth. */
  serverRoom<T>(roomId: string): T;
  stop(): Promise<void>;
}

/** The test run's log level (vitest.config.ts sets LOG_LEVEL=silent), for a config built from scratch. */
export const testLogEnv = (): Record<string, string> => (process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {});

/** A fresh DATA_DIR for one test server (its replays), so tests never share or litter one. */
export function testDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "skirmish-data-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startTestServer(env: Record<string, string> = {}, latencyMs = 0, extraRoomTypes: readonly AnyRoomType[] = []): Promise<TestServer> {
  const data = testDataDir();
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", ...testLogEnv(), DATA_DIR: data.dir, ...env });
  // Accounts live in memory unless a test names a DATA_DIR: a test server never writes the repo's ./data.
  const accounts = await Accounts.open({ databaseUrl: config.DATABASE_URL, dataDir: env.DATA_DIR ?? ":memory:", secret: config.AUTH_SECRET, seasons: { epochMs: config.SEASON_EPOCH, lengthDays: config.SEASON_LENGTH_DAYS } });
  const server = createServer(config, { extraRoomTypes, accounts });
  if (latencyMs > 0) server.simulateLatency(latencyMs);
  await server.listen(0, "127.0.0.1");
  const port = (server.transport.server!.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    accounts,
    client: () => new Client(url),
    serverRoom<T>(roomId: string): T {
      const room = matchMaker.getLocalRoomById(roomId);
      if (!room) throw new Error(`no local room ${roomId}`);
      return room as T;
    },
    async stop() {
      await matchMaker.disconnectAll();
      await server.gracefullyShutdown(false);
      await accounts.close();
      data.remove();
    },
  };
}

/** Leave every room still open (consented) and empty the list: a test file's afterEach. */
export async function leaveAll(rooms: Room[]): Promise<void> {
  await Promise.all(rooms.splice(0).map((r) => (r.connection.isOpen ? r.leave(true).catch(() => undefined) : undefined)));
}

export const joinOptions = (name: string) => ({ name, protocol: PROTOCOL_VERSION });

/** Resolve on the next state patch of an SDK room. */
export function nextPatch(room: Room): Promise<void> {
  return new Promise((resolve) => room.onStateChange.once(() => resolve()));
}

/**
 * Resolve once `check()` holds after a state patch (checked at once, then on every patch).
 * Rejects after `patches` patches without it, so a broken feature fails rather than hangs.
 */
export async function untilState(room: Room, check: () => boolean, patches = 200): Promise<void> {
  for (let i = 0; i < patches; i++) {
    if (check()) return;
    await nextPatch(room);
  }
  if (!check()) throw new Error(`condition not met after ${patches} patches`);
}

/** Resolve with the next message of a type. */
export function nextMessage<T>(room: Room, type: string): Promise<T> {
  return new Promise((resolve) => {
    const off = room.onMessage(type, (payload: T) => {
      off();
      resolve(payload);
    });
  });
}

/** Resolve with the close code when the room connection ends. */
export function leaveCode(room: Room): Promise<number> {
  return new Promise((resolve) => room.onLeave.once((code: number) => resolve(code)));
}
