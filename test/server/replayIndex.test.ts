/**
 * Replays' metadata in the accounts database (005_replays, server/store/replayIndex.ts), on both
 * databases: written when ReplayStore saves a log, listed from there, deleted when retention
 * prunes the log; a log saved without a row (its sidecar only) is still listed.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Accounts } from "../../server/auth/Accounts.ts";
import { ReplayStore } from "../../server/kit/replay/ReplayStore.ts";
import { REPLAY_FORMAT, type ReplayLog } from "../../shared/replay/format.ts";
import { DATABASES, freshPostgres } from "../helpers/testDatabases.ts";
import { testDataDir } from "../helpers/testServer.ts";

const DAY = 86_400_000;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function logOf(matchId: string, startedAt: number): ReplayLog {
  return {
    header: { format: REPLAY_FORMAT, matchId, roomType: "arena", protocol: 1, rulesVersion: 3, seed: 5, setup: {}, startedAt },
    entries: [["p", 1, 0]],
    keyframes: [],
    checksums: [],
    end: { endedAt: startedAt + 90_000, durationMs: 90_000, truncated: true, result: { winner: "ann", scores: [3, 1] } },
  };
}

describe.each(DATABASES)("replay metadata in the database (%s)", (db) => {
  async function setUp(maxCount = 10) {
    const data = testDataDir();
    const accounts = await Accounts.open({ dataDir: ":memory:", databaseUrl: db === "postgres" ? await freshPostgres() : undefined, secret: "replay-index-secret-of-32-characters" });
    cleanups.push(() => data.remove(), () => accounts.close());
    const now = { t: 100 * DAY };
    const retention = { maxCount, maxAgeDays: 30 };
    return { accounts, now, data, store: new ReplayStore(data.dir, retention, () => now.t, accounts.replays), plain: new ReplayStore(data.dir, retention, () => now.t) };
  }

  it("writes each saved replay's row and lists from it, every field as saved", async () => {
    const { accounts, store, now } = await setUp();
    const first = await store.save(logOf("m1", now.t - 5000), ["ann", "ben"]);
    const second = await store.save(logOf("m2", now.t), ["cat"]);
    expect(await accounts.replays.list(10)).toEqual([second, first]);
    expect(first).toMatchObject({ matchId: "m1", roomType: "arena", rulesVersion: 3, players: ["ann", "ben"], durationMs: 90_000, truncated: true, result: { winner: "ann", scores: [3, 1] } });
    // Served from the rows: with the sidecars gone the list is the same.
    await rm(join(store.dir, "m1.json"));
    await rm(join(store.dir, "m2.json"));
    expect(await store.list(10)).toEqual([second, first]);
    expect(await store.list(1)).toEqual([second]);
  });

  it("still lists a log saved without a row (its sidecar), in order with the rows", async () => {
    const { store, plain, now, accounts } = await setUp();
    const old = await plain.save(logOf("before-db", now.t - 10_000), ["dan"]);
    const rowed = await store.save(logOf("with-db", now.t), ["eve"]);
    expect((await accounts.replays.list(10)).map((m) => m.matchId)).toEqual(["with-db"]);
    expect(await store.list(10)).toEqual([rowed, old]);
  });

  it("deletes the rows of the replays retention prunes", async () => {
    const { store, now, accounts } = await setUp(2);
    for (let i = 0; i < 3; i++) await store.save(logOf(`r${i}`, now.t + i * 1000), ["fay"]);
    expect((await accounts.replays.list(10)).map((m) => m.matchId)).toEqual(["r2", "r1"]);
    expect((await store.list(10)).map((m) => m.matchId)).toEqual(["r2", "r1"]);
  });

  it("replaces the row of a match saved again", async () => {
    const { store, now, accounts } = await setUp();
    await store.save(logOf("again", now.t), ["gus"]);
    await store.save(logOf("again", now.t), ["gus", "hal"]);
    expect((await accounts.replays.list(10)).map((m) => m.players)).toEqual([["gus", "hal"]]);
  });
});
