/**
 * Redis failing: unreachable when a server process starts, and lost while it runs. The Redis
 * here is a redis-server of this file's own on a free port, so it can be killed.
 */
import { Client, ErrorCode, type Room } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { Msg } from "../../shared/protocol.ts";
import { startApp, type App } from "../e2e/helpers/app.ts";
import { freePort, startRedisServer, type RedisServer } from "../helpers/redisServer.ts";
import { joinOptions, nextPatch, untilState } from "../helpers/testServer.ts";

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe("Redis unreachable at start", () => {
  it("stops the server with a message naming REDIS_URL, before it listens", async () => {
    const port = await freePort(); // nothing listens there
    const started = startApp({ REDIS_URL: `redis://:s3cret@127.0.0.1:${port}` });
    await expect(started).rejects.toThrow(/exited \(code 1\) before listening/);
    const message = await started.catch((e: Error) => e.message);
    expect(message).toContain(`cannot reach Redis at REDIS_URL=redis://:***@127.0.0.1:${port}`);
    expect(message).toMatch(/unset REDIS_URL to run as a single process/);
    expect(message).not.toContain("s3cret");
  });
});

describe("Redis lost while running", () => {
  it("is logged loudly, the rooms keep playing, matchmaking fails fast, and all is republished when Redis is back", async () => {
    const redis: RedisServer = await startRedisServer();
    cleanup.push(() => redis.stop());
    const app: App = await startApp({ REDIS_URL: redis.url });
    cleanup.push(() => app.stop());
    const a = await new Client(app.url).create<ArenaState>("arena", joinOptions("a"));
    const b = await new Client(app.url).joinById<ArenaState>(a.roomId, joinOptions("b"));
    cleanup.push(async () => [a, b].forEach((r: Room) => r.connection.close()));
    await untilState(a, () => a.state.players?.size === 2);

    await redis.kill();
    await app.logged(/REDIS LOST/, 10_000);
    const down = await fetch(`${app.url}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false, redis: "down", rooms: 1, clients: 2 });

    // The room still ticks and carries chat.
    const tick = a.state.tick;
    await untilState(a, () => a.state.tick > tick + 30);
    const line = new Promise<string>((resolve) => b.onMessage(Msg.Chat, (l: { text: string; kind: string }) => l.kind === "player" && resolve(l.text)));
    a.send(Msg.Chat, { text: "still here" });
    expect(await line).toBe("still here");
    // A leave makes Colyseus write to Redis, and those writes fail now; the process survives
    // them. (Colyseus waits on that write before it closes the leaver's socket, so b's own
    // leave() does not settle while Redis is down; its seat is freed at once, which is what counts.)
    void b.leave().catch(() => undefined);
    await untilState(a, () => a.state.players.size === 1);
    await app.logged(/redis write failed while Redis is unreachable/, 10_000);
    for (let i = 0; i < 40; i++) await nextPatch(a); // two seconds of patches: a crash would end them
    expect(a.connection.isOpen).toBe(true);
    // New matchmaking needs Redis: it is refused with an error instead of hanging.
    await expect(new Client(app.url).joinOrCreate("arena", joinOptions("c"))).rejects.toMatchObject({ code: ErrorCode.MATCHMAKE_UNHANDLED, message: expect.stringMatching(/max retries per request/) });

    await redis.restart(); // empty, as a restarted in-memory Redis is
    await app.logged(/redis back/, 15_000);
    const up = await fetch(`${app.url}/health`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ ok: true, redis: "up" });
    // This process put its room's listing back, so others can find it again.
    const c = await new Client(app.url).joinById<ArenaState>(a.roomId, joinOptions("c"));
    cleanup.push(async () => c.connection.close());
    await untilState(a, () => a.state.players.size === 2);
  });
});
