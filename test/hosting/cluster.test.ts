/**
 * Two real server processes (node server/start.mjs, as `npm run cluster` starts them) sharing
 * a real Redis, each with its own PUBLIC_ADDRESS; real SDK clients talk to either one.
 * "Holder" is the process a room lives on (read from the room's listing in Redis), "other"
 * the process the client's page would have come from.
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { Msg, type RoomInfoMessage } from "../../shared/protocol.ts";
import { startApp, type App } from "../e2e/helpers/app.ts";
import { freePort } from "../helpers/redisServer.ts";
import { setupOrFailEach, testRedis, type TestRedis } from "../helpers/testRedis.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";

/** This file's Redis database (each hosting test file has its own). */
const DB = 1;

let redis: TestRedis;
const apps: App[] = [];
const open: Room[] = [];
const track = <R extends Room>(r: R): R => {
  open.push(r);
  return r;
};

interface Listing {
  roomId: string;
  processId: string;
  publicAddress?: string;
  clients: number;
}

setupOrFailEach(async () => {
  redis = await testRedis(DB);
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    apps.push(await startApp({ PORT: String(port), REDIS_URL: redis.url, PUBLIC_ADDRESS: `127.0.0.1:${port}`, RECONNECT_SECONDS: "20" }));
  }
}, 60_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => (r.connection.isOpen ? r.leave().catch(() => undefined) : undefined)));
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await redis?.close();
});

const client = (app: App) => new Client(app.url);
const addressOf = (app: App) => new URL(app.url).host;

/** The room's listing as the matchmaker keeps it in Redis. */
async function listing(roomId: string): Promise<Listing> {
  const raw = await redis.client.hget("roomcaches", roomId);
  if (!raw) throw new Error(`room ${roomId} is not listed in Redis`);
  return JSON.parse(raw) as Listing;
}

/** The process holding a room, and the other one. */
async function sides(roomId: string): Promise<{ holder: App; other: App }> {
  const where = (await listing(roomId)).publicAddress;
  const holder = apps.find((a) => addressOf(a) === where);
  if (!holder) throw new Error(`room ${roomId} has publicAddress ${where}, which is neither process`);
  return { holder, other: apps.find((a) => a !== holder)! };
}

describe("two processes over Redis", () => {
  it("fill rooms as 16, 16 and 8 from 40 simultaneous quick plays sent to both", async () => {
    const joins = Array.from({ length: 40 }, (_, i) => client(apps[i % 2]!).joinOrCreate<ArenaState>("arena", { ...joinOptions(`p${i}`), seatOpen: true }));
    const rooms = (await Promise.all(joins)).map(track);
    const sizes = new Map<string, number>();
    for (const r of rooms) sizes.set(r.roomId, (sizes.get(r.roomId) ?? 0) + 1);
    expect([...sizes.values()].sort((a, b) => b - a)).toEqual([16, 16, 8]);
  });

  it("join a private room by its code through the process that does not hold it", async () => {
    const owner = track(await client(apps[0]!).create<ArenaState>("arena", { ...joinOptions("owner"), private: true }));
    const info = await new Promise<RoomInfoMessage>((resolve) => owner.onMessage(Msg.RoomInfo, resolve));
    const { other } = await sides(owner.roomId);

    const res = await fetch(`${other.url}/api/rooms/code/${info.code}`);
    expect(res.status).toBe(200);
    const found = (await res.json()) as { roomId: string };
    expect(found.roomId).toBe(owner.roomId);
    const guest = track(await client(other).joinById<ArenaState>(found.roomId, joinOptions("guest")));
    await untilState(owner, () => owner.state.players?.size === 2);
    expect(owner.state.players.get(guest.sessionId)?.name).toBe("guest");
  });

  it("list every process's public rooms in the lobby, whichever process the lobby is joined through", async () => {
    const made = [track(await client(apps[0]!).create<ArenaState>("arena", joinOptions("a"))), track(await client(apps[1]!).create<ArenaState>("arena", joinOptions("b")))];
    const holders = new Set<App>();
    for (const r of made) holders.add((await sides(r.roomId)).holder);
    // With two rooms and the matchmaker placing each on the process with fewer rooms, they
    // may still share a process; then make more until both processes hold one.
    while (holders.size < 2) {
      const r = track(await client(apps[0]!).create<ArenaState>("arena", joinOptions("c")));
      made.push(r);
      holders.add((await sides(r.roomId)).holder);
    }
    for (const via of apps) {
      const lobby = track(await client(via).joinOrCreate("lobby", joinOptions("browser")));
      const rooms = await new Promise<Listing[]>((resolve) => lobby.onMessage("rooms", resolve));
      expect(rooms.map((r) => r.roomId)).toEqual(expect.arrayContaining(made.map((r) => r.roomId)));
      await lobby.leave();
    }
  });

  it("reconnect a dropped player through the process that served the page, not the one holding the room", async () => {
    const a = track(await client(apps[0]!).create<ArenaState>("arena", joinOptions("alice")));
    const { holder, other } = await sides(a.roomId);
    const b = track(await client(holder).joinById<ArenaState>(a.roomId, joinOptions("bob")));
    await untilState(b, () => b.state.players?.size === 2);
    a.reconnection.enabled = false; // reconnect by hand, as a reloaded page does

    const token = a.reconnectionToken;
    a.connection.close(); // the socket drops without a goodbye
    await untilState(b, () => b.state.players.get(a.sessionId)?.connected === false);

    const back = track(await client(other).reconnect<ArenaState>(token));
    expect(back.roomId).toBe(a.roomId);
    expect(back.sessionId).toBe(a.sessionId);
    await untilState(b, () => b.state.players.get(a.sessionId)?.connected === true);
    expect(b.state.players.get(a.sessionId)?.name).toBe("alice");
  });

  it("keep chat per room: a line in one room is not heard in a room on the other process", async () => {
    const r1 = track(await client(apps[0]!).create<ArenaState>("arena", joinOptions("one")));
    let r2 = track(await client(apps[1]!).create<ArenaState>("arena", joinOptions("two")));
    while ((await listing(r2.roomId)).processId === (await listing(r1.roomId)).processId) {
      r2 = track(await client(apps[1]!).create<ArenaState>("arena", joinOptions("two")));
    }
    const heard: string[] = [];
    r2.onMessage(Msg.Chat, (line: { text: string }) => heard.push(line.text));
    const own = new Promise<{ text: string }>((resolve) => r1.onMessage(Msg.Chat, (line: { text: string; kind: string }) => line.kind === "player" && resolve(line)));
    r1.send(Msg.Chat, { text: "only room one" });
    expect((await own).text).toBe("only room one");
    // A round trip through room two after the line was sent: had it leaked, it would be in first.
    r2.send(Msg.Chat, { text: "room two" });
    await new Promise<void>((resolve) => r2.onMessage(Msg.Chat, (line: { text: string }) => line.text === "room two" && resolve()));
    expect(heard).not.toContain("only room one");
    // Chat text never reaches the logs.
    for (const app of apps) expect(app.log.join("")).not.toContain("only room one");
  });
});
