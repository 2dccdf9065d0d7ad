/**
 * Exactly once across a crash: a real server process (`node server/start.mjs`) is killed with
 * SIGKILL while a rated Connect Four result is being written, then started again on the same
 * database and DATA_DIR. The test holds the database's write lock (a table lock on PostgreSQL,
 * a write transaction on the embedded database) so the kill lands inside the write: after the
 * result reached the outbox, before its transaction committed. The restart writes it, once,
 * and a further restart writes nothing.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client, type Room } from "@colyseus/sdk";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { logLine, startApp, type App } from "../e2e/helpers/app.ts";
import { guest, me } from "../helpers/authHttp.ts";
import { joinConnect4, redWins } from "../helpers/connect4Play.ts";
import { DATABASES, freshPostgres } from "../helpers/testDatabases.ts";

const SECRET = "crash-test-secret-of-32-characters!!";
let apps: App[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const a of apps) await a.stop();
  apps = [];
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Poll a sync point (a file appearing, a lock being waited on) until it holds. */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 800; i++) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`never happened: ${what}`);
}

/** Hold the database's write lock until released, so the server's result transaction waits inside the write. */
async function holdWriteLock(dataDir: string, databaseUrl: string | undefined): Promise<{ waiting(): Promise<boolean>; release(): Promise<void> }> {
  if (databaseUrl) {
    const c = new pg.Client(databaseUrl);
    await c.connect();
    await c.query("BEGIN");
    await c.query("LOCK TABLE matches IN EXCLUSIVE MODE");
    const watcher = new pg.Client(databaseUrl);
    await watcher.connect();
    return {
      waiting: async () => Number((await watcher.query("SELECT count(*) AS n FROM pg_locks WHERE NOT granted")).rows[0].n) > 0,
      release: async () => {
        await c.query("ROLLBACK");
        await Promise.all([c.end(), watcher.end()]);
      },
    };
  }
  const lock = new DatabaseSync(join(dataDir, "skirmish.db"));
  lock.exec("BEGIN IMMEDIATE");
  return {
    waiting: async () => true,
    release: async () => {
      lock.exec("ROLLBACK");
      lock.close();
    },
  };
}

describe.each(DATABASES)("a server killed during a result write (%s)", (db) => {
  it("loses nothing and writes nothing twice", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "skirmish-crash-"));
    dirs.push(dataDir);
    const databaseUrl = db === "postgres" ? await freshPostgres() : undefined;
    const env = { DATA_DIR: dataDir, AUTH_SECRET: SECRET, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const first = await startApp(env);
    apps.push(first);
    const [a, b] = [await guest(first.url, "Ann"), await guest(first.url, "Ben")];
    const rooms: Room[] = [];
    const sdk = { client: () => new Client(first.url) };
    const red = await joinConnect4(sdk.client(), rooms, a.token);
    const yellow = await joinConnect4(sdk.client(), rooms, b.token, red.roomId);

    const lock = await holdWriteLock(dataDir, databaseUrl);
    await redWins(red, yellow);
    const outbox = join(dataDir, "outbox");
    await until("the result is in the outbox", () => readdirSync(outbox, { withFileTypes: true }).some((f) => f.name.endsWith(".json")));
    await until("the server waits on the lock", () => lock.waiting());
    first.signal("SIGKILL");
    await first.exited;
    await lock.release();

    const second = await startApp(env);
    apps.push(second);
    await second.logged(logLine("outbox replayed", { recorded: 1, duplicate: 0, left: 0 }), 20_000);
    const [pa, pb] = [(await me(second.url, a.token)).body, (await me(second.url, b.token)).body];
    expect(pa.ratings.connect4).toMatchObject({ games: 1, wins: 1, losses: 0 });
    expect(pb.ratings.connect4).toMatchObject({ games: 1, wins: 0, losses: 1 });
    expect(readdirSync(outbox).filter((f) => f.endsWith(".json"))).toEqual([]);

    // Once more: nothing left to replay, nothing counted again.
    await second.stop();
    const third = await startApp(env);
    apps.push(third);
    expect((await me(third.url, a.token)).body.ratings.connect4).toMatchObject({ games: 1 });
    expect(third.log.join("")).not.toMatch(logLine("outbox replayed"));
  }, 90_000);
});
