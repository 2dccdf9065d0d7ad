/**
 * ReplayStore on a real folder: compressed logs with their sidecars, newest first, pruned
 * by count and by age, and a sidecar that cannot be read skipped rather than fatal.
 */
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { ReplayStore } from "../../server/kit/replay/ReplayStore.ts";
import { REPLAY_FORMAT, type ReplayLog } from "../../shared/replay/format.ts";
import { testDataDir } from "../helpers/testServer.ts";

const DAY = 86_400_000;
const dirs: Array<ReturnType<typeof testDataDir>> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function logOf(matchId: string, startedAt: number, entries = 3): ReplayLog {
  return {
    header: { format: REPLAY_FORMAT, matchId, roomType: "connect4", protocol: 1, rulesVersion: 1, seed: 5, setup: {}, startedAt },
    entries: Array.from({ length: entries }, (_, i) => ["p", 1, i % 7] as const),
    keyframes: [{ at: 1, state: { x: 1 } }],
    checksums: [[0, 123]],
    end: { endedAt: startedAt + 1000, durationMs: 1000, truncated: false, result: { games: 1 } },
  };
}

function store(maxCount: number, maxAgeDays: number, now: { t: number }) {
  const data = testDataDir();
  dirs.push(data);
  return new ReplayStore(data.dir, { maxCount, maxAgeDays }, () => now.t);
}

describe("replay store", () => {
  it("stores a log gzip-compressed beside its metadata, and reads back the same log", async () => {
    const now = { t: 10 * DAY };
    const s = store(10, 30, now);
    // Long enough to be written in several slices.
    const log = logOf("m1", now.t, 5000);
    const meta = await s.save(log, ["alice", "bob"]);
    expect(meta).toMatchObject({ matchId: "m1", roomType: "connect4", players: ["alice", "bob"], durationMs: 1000, result: { games: 1 } });
    expect(JSON.parse(gunzipSync(readFileSync(join(s.dir, "m1.replay.gz"))).toString())).toEqual(JSON.parse(JSON.stringify(log)));
    expect(JSON.parse(gunzipSync((await s.read("m1"))!.gzip).toString()).entries).toHaveLength(5000);
    expect(await s.read("m2")).toBeUndefined();
    expect((await readdir(s.dir)).sort()).toEqual(["m1.json", "m1.replay.gz"]);
  });

  it("keeps the newest REPLAY_MAX_COUNT and prunes the oldest", async () => {
    const now = { t: 10 * DAY };
    const s = store(3, 30, now);
    for (let i = 1; i <= 5; i++) await s.save(logOf(`m${i}`, now.t + i * 1000), []);
    expect((await s.list(10)).map((m) => m.matchId)).toEqual(["m5", "m4", "m3"]);
    expect((await readdir(s.dir)).sort()).toEqual(["m3.json", "m3.replay.gz", "m4.json", "m4.replay.gz", "m5.json", "m5.replay.gz"]);
    expect((await s.list(2)).map((m) => m.matchId)).toEqual(["m5", "m4"]);
  });

  it("prunes logs older than REPLAY_MAX_AGE_DAYS", async () => {
    const now = { t: 100 * DAY };
    const s = store(100, 7, now);
    await s.save(logOf("old", now.t - 8 * DAY), []);
    await s.save(logOf("recent", now.t - 6 * DAY), []);
    expect((await s.list(10)).map((m) => m.matchId)).toEqual(["recent"]);
    now.t += 2 * DAY;
    expect(await s.prune()).toEqual(["recent"]);
    expect(await readdir(s.dir)).toEqual([]);
  });

  it("refuses a stored file that is truncated, not gzip, or gzip of something else, with replay_corrupt", async () => {
    const now = { t: 10 * DAY };
    const s = store(10, 30, now);
    await s.save(logOf("m1", now.t, 3000), []);
    const path = join(s.dir, "m1.replay.gz");
    const whole = readFileSync(path);
    await writeFile(path, whole.subarray(0, whole.length - 9));
    await expect(s.read("m1")).rejects.toMatchObject({ code: "replay_corrupt", message: expect.stringContaining("truncated or not gzip") });
    await writeFile(path, gzipSync("[1,2,3]"));
    await expect(s.read("m1")).rejects.toMatchObject({ code: "replay_corrupt", message: expect.stringContaining("not a tick log") });
    await writeFile(path, whole);
    expect((await s.read("m1"))!.gzip.equals(whole)).toBe(true);
  });

  it("skips a sidecar it cannot read, and refuses an id outside the format", async () => {
    const now = { t: 10 * DAY };
    const s = store(10, 30, now);
    await s.save(logOf("good", now.t), []);
    await writeFile(join(s.dir, "broken.json"), "{ not json");
    expect((await s.list(10)).map((m) => m.matchId)).toEqual(["good"]);
    await expect(s.read("../etc/passwd")).rejects.toThrow(/a replay id is 1 to 64 letters/);
  });

  it("validates the replay settings at start, naming the variable", () => {
    expect(loadConfig({})).toMatchObject({ DATA_DIR: "./data", REPLAYS: 1, REPLAY_MAX_COUNT: 500, REPLAY_MAX_AGE_DAYS: 30, REPLAY_MAX_MINUTES: 60 });
    expect(() => loadConfig({ REPLAY_MAX_COUNT: "0" })).toThrow(ConfigError);
    expect(() => loadConfig({ REPLAY_MAX_AGE_DAYS: "soon" })).toThrow(/REPLAY_MAX_AGE_DAYS: must be an integer from 1 to 3650/);
    expect(() => loadConfig({ REPLAYS: "2" })).toThrow(/REPLAYS: must be an integer from 0 to 1/);
  });
});
