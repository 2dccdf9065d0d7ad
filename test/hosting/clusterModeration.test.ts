/**
 * Moderation across a cluster: two real server processes over one Redis and one PostgreSQL
 * (as `npm run cluster` runs them). A ban placed through one process closes the banned seat in
 * a room the other process holds, and a block made through one process hides chat in a room on
 * the other: both travel over the presence (server/moderation/liveModeration.ts).
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { CloseCode } from "../../shared/protocol.ts";
import { startApp, type App } from "../e2e/helpers/app.ts";
import { guest } from "../helpers/authHttp.ts";
import { memberOf } from "../helpers/chatMembers.ts";
import { freePort } from "../helpers/redisServer.ts";
import { freshPostgres } from "../helpers/testDatabases.ts";
import { setupOrFailEach, testRedis, type TestRedis } from "../helpers/testRedis.ts";
import { joinOptions, leaveCode, untilState } from "../helpers/testServer.ts";

/** This file's Redis database (each hosting test file has its own). */
const DB = 13;
const PASSWORD = "cluster-moderation-monitor-password";
const ADMIN = { authorization: `Basic ${Buffer.from(`host:${PASSWORD}`).toString("base64")}`, "content-type": "application/json" };

let redis: TestRedis;
const apps: App[] = [];
const open: Room[] = [];

setupOrFailEach(async () => {
  redis = await testRedis(DB);
  const env = { REDIS_URL: redis.url, DATABASE_URL: await freshPostgres(), AUTH_SECRET: "cluster-moderation-secret-32-chars!!", MONITOR_PASSWORD: PASSWORD };
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    apps.push(await startApp({ ...env, PORT: String(port), PUBLIC_ADDRESS: `127.0.0.1:${port}` }));
  }
}, 60_000);
afterAll(async () => {
  await Promise.all(open.splice(0).map((r) => (r.connection.isOpen ? r.leave().catch(() => undefined) : undefined)));
  await Promise.all(apps.map((a) => a.stop()));
  await redis?.close();
});

/** The process holding a room (from its listing in Redis), and the other one. */
async function sides(roomId: string): Promise<{ holder: App; other: App }> {
  const where = (JSON.parse((await redis.client.hget("roomcaches", roomId))!) as { publicAddress?: string }).publicAddress;
  const holder = apps.find((a) => new URL(a.url).host === where)!;
  return { holder, other: apps.find((a) => a !== holder)! };
}

const join = async (app: App, token: string, roomId?: string) => {
  const c = new Client(app.url);
  c.auth.token = token;
  const room = roomId ? await c.joinById<ArenaState>(roomId, joinOptions("x")) : await c.create<ArenaState>("arena", { ...joinOptions("x"), private: true });
  open.push(room);
  return room;
};

describe("moderation over two processes", () => {
  it("a block made on one process hides chat in the other's room, and a ban placed there closes the seat", async () => {
    const [a, b] = [await guest(apps[0]!.url, "ann"), await guest(apps[0]!.url, "ben")];
    const first = await join(apps[0]!, b.token);
    const { holder, other } = await sides(first.roomId);
    const ben = memberOf(first);
    const ann = memberOf(await join(holder, a.token, first.roomId));
    await untilState(first, () => first.state.players?.size === 2);

    // The block goes through the process that does not hold the room.
    expect((await fetch(`${other.url}/api/accounts/me/blocks/${b.account.id}`, { method: "PUT", headers: { authorization: `Bearer ${a.token}` } })).status).toBe(204);
    // Sync point: ben's next line after a line of ann's that ben has seen; ann's seat must skip it.
    ann.say("ann first");
    await ben.heard("ann first");
    ben.say("hidden across processes");
    ann.say("ann second");
    await ben.heard("ann second");
    await ann.heard("ann second");
    expect(ann.lines.items.map((l) => l.text)).not.toContain("hidden across processes");

    const closed = leaveCode(first);
    const ban = await fetch(`${other.url}/api/admin/bans`, { method: "POST", headers: ADMIN, body: JSON.stringify({ accountId: b.account.id, reason: "cluster test", minutes: 5 }) });
    expect(ban.status).toBe(201);
    expect(await closed).toBe(CloseCode.Banned);
  });
});
