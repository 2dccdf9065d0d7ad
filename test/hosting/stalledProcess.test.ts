/**
 * colyseus/colyseus#978: process A asks process B to create a room, B is stalled (SIGSTOP)
 * past the 2 s IPC timeout, A creates the room itself, then B wakes up and answers the old
 * request. With an atomic `insert` on the driver (Skirmish's InsertingRedisDriver), B's copy
 * gets the same room id, loses the insert and is discarded: one request, one room.
 *
 * colyseus/colyseus#968: a stalled process misses a health check and another process removes
 * its room listings while the rooms still run. @colyseus/core 0.18.17 leaves it a "swept"
 * receipt, and the process puts its listings back when it wakes up.
 */
import { Client, ErrorCode } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { startApp, type App } from "../e2e/helpers/app.ts";
import { freePort } from "../helpers/redisServer.ts";
import { setupOrFailEach, testRedis, type TestRedis } from "../helpers/testRedis.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";

const DB = 3;

let redis: TestRedis;
let a: App;
let b: App;

setupOrFailEach(async () => {
  redis = await testRedis(DB);
  // DEBUG: Colyseus's matchmaking log says when B creates or discards a room.
  const start = async () => {
    const port = await freePort();
    return startApp({ PORT: String(port), PUBLIC_ADDRESS: `127.0.0.1:${port}`, REDIS_URL: redis.url, DEBUG: "colyseus:matchmaking" });
  };
  a = await start();
  b = await start();
}, 60_000);
afterAll(async () => {
  b?.signal("SIGCONT");
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.close();
});

const health = async (app: App) => (await (await fetch(`${app.url}/health`)).json()) as { processId: string; byType: Record<string, { rooms: number }> };

describe("a create request answered late by a stalled process", () => {
  it("leaves one room, on the process that gave up waiting", async () => {
    // The matchmaker puts a new room on the process with the fewest (the "roomcount" hash).
    // Arrange: A holds a room, and B looks busy meanwhile so that room lands on A.
    const [pa, pb] = [(await health(a)).processId, (await health(b)).processId];
    await redis.client.hset("roomcount", pb, "9,0");
    const keep = await new Client(a.url).create<ArenaState>("arena", { ...joinOptions("keeper"), private: true });
    const listingOf = async (roomId: string) => JSON.parse((await redis.client.hget("roomcaches", roomId))!) as { processId: string };
    expect((await listingOf(keep.roomId)).processId).toBe(pa);

    b.signal("SIGSTOP");
    await redis.client.hset("roomcount", pb, "0,0"); // B, as A sees it: no rooms
    const made = b.logged(new RegExp(`creating room 'arena'|discarding duplicate room`), 30_000);
    const player = await new Client(a.url).create<ArenaState>("arena", joinOptions("p"));
    // A waited for B, gave up, and created the room itself.
    expect((await listingOf(player.roomId)).processId).toBe(pa);
    await untilState(player, () => player.state.players?.size === 1);

    b.signal("SIGCONT"); // B now reads the create request queued while it was stopped
    await made;
    expect(b.log.join("")).toMatch(new RegExp(`discarding duplicate room 'arena' \\(${player.roomId}\\)`));
    expect((await health(b)).byType.arena?.rooms ?? 0).toBe(0);
    expect((await listingOf(player.roomId)).processId).toBe(pa);
    const arenas = Object.values(await redis.client.hgetall("roomcaches")).filter((l) => l.includes('"name":"arena"'));
    expect(arenas).toHaveLength(2); // the keeper's room and the player's, nothing more
    await untilState(player, () => player.state.players.size === 1); // still playing
    await Promise.all([keep.leave(), player.leave()]);
  }, 60_000);

  it("a stalled process whose listings were swept by a failed health check puts them back", async () => {
    const [pa, pb] = [(await health(a)).processId, (await health(b)).processId];
    await redis.client.hset("roomcount", pa, "9,0", pb, "0,0"); // make the next room land on B
    const player = await new Client(b.url).create<ArenaState>("arena", joinOptions("p"));
    expect(JSON.parse((await redis.client.hget("roomcaches", player.roomId))!)).toMatchObject({ processId: pb });

    b.signal("SIGSTOP");
    // A needs B's room (a join by id), gets no answer within 2 s, health-checks B, and sweeps B's listings.
    await expect(new Client(a.url).joinById(player.roomId, joinOptions("late"))).rejects.toMatchObject({ code: ErrorCode.MATCHMAKE_UNHANDLED, message: `process ${pb} is not available.` });
    await a.logged(new RegExp(`failed to respond|removing stale rooms by processId ${pb}`), 10_000);
    expect(await redis.client.hget("roomcaches", player.roomId)).toBeNull();

    // Back (by the swept receipt, or by its first listing write on waking), then joinable again.
    const restored = b.logged(/restoring \d+ missing room listing/, 20_000);
    b.signal("SIGCONT");
    await restored;
    expect(JSON.parse((await redis.client.hget("roomcaches", player.roomId))!)).toMatchObject({ processId: pb });
    const late = await new Client(a.url).joinById<ArenaState>(player.roomId, joinOptions("late"));
    await untilState(player, () => player.state.players.size === 2);
    // The stall shows in B's metrics: its room's loop ran late steps to catch up.
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    const behind = /^skirmish_ticks_behind_schedule_total\{type="arena"\} (\d+)$/m.exec(metrics);
    expect(Number(behind?.[1] ?? 0)).toBeGreaterThan(0);
    await Promise.all([late.leave(), player.leave()]);
  }, 60_000);
});
