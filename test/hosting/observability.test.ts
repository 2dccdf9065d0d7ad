/**
 * /health, /metrics and the monitor on a real server process over a real Redis, read with
 * plain HTTP as a load balancer, Prometheus or a host would; the players are real SDK clients.
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { lifecycle } from "../../server/lifecycle.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { Msg } from "../../shared/protocol.ts";
import { startApp, type App } from "../e2e/helpers/app.ts";
import { setupOrFailEach, testRedis, type TestRedis } from "../helpers/testRedis.ts";
import { joinOptions, nextMessage, startTestServer, untilState } from "../helpers/testServer.ts";

const DB = 2;
const TOKEN = "metrics-token-for-tests-0123";
const PASSWORD = "monitor-password-for-tests";

let redis: TestRedis;
let app: App;
const open: Room[] = [];
const track = <R extends Room>(r: R): R => {
  open.push(r);
  return r;
};

setupOrFailEach(async () => {
  redis = await testRedis(DB);
  app = await startApp({ REDIS_URL: redis.url, METRICS_TOKEN: TOKEN, MONITOR_PASSWORD: PASSWORD, CHAT_BURST: "2", RECONNECT_SECONDS: "20" });
}, 60_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => (r.connection.isOpen ? r.leave().catch(() => undefined) : undefined)));
});
afterAll(async () => {
  await app?.stop();
  await redis?.close();
});

interface Health {
  ok: boolean;
  processId: string;
  redis: string;
  draining: boolean;
  rooms: number;
  clients: number;
  byType: Record<string, { rooms: number; clients: number }>;
}

const health = async (url = app.url): Promise<{ status: number; body: Health }> => {
  const res = await fetch(`${url}/health`);
  return { status: res.status, body: (await res.json()) as Health };
};

const scrape = async (): Promise<string> => {
  const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};

/** One sample of a Prometheus exposition: `name{labels} value`, 0 when absent. */
function sample(text: string, name: string, labels = ""): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`admin:${password}`).toString("base64")}` });

describe("GET /health", () => {
  it("names the process and counts its rooms and clients, with Redis up", async () => {
    const before = await health();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ ok: true, redis: "up", draining: false });
    expect(before.body.processId).toMatch(/^[\w-]{6,}$/);

    const a = track(await new Client(app.url).create<ArenaState>("arena", joinOptions("a")));
    track(await new Client(app.url).joinById<ArenaState>(a.roomId, joinOptions("b")));
    await untilState(a, () => a.state.players?.size === 2);
    const after = (await health()).body;
    expect(after.byType.arena).toEqual({ rooms: (before.body.byType.arena?.rooms ?? 0) + 1, clients: (before.body.byType.arena?.clients ?? 0) + 2 });
    expect(after.clients).toBe(before.body.clients + 2);
    // The process id is the one the matchmaker writes into the room's listing.
    const listing = JSON.parse((await redis.client.hget("roomcaches", a.roomId))!) as { processId: string };
    expect(listing.processId).toBe(after.processId);
  });
});

describe("GET /metrics", () => {
  it("needs the token when METRICS_TOKEN is set", async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
  });

  it("moves its counters as players join, play, send bad messages, chat too fast and come back", async () => {
    const m0 = await scrape();
    const a = track(await new Client(app.url).create<ArenaState>("arena", joinOptions("a")));
    const b = track(await new Client(app.url).joinById<ArenaState>(a.roomId, joinOptions("b")));
    await untilState(a, () => a.state.players?.size === 2);
    const t0 = a.state.tick;
    await untilState(a, () => a.state.tick > t0 + 30);

    // A malformed pong is rejected by the guard with reason "malformed".
    const rejected = nextMessage<{ reason: string }>(a, Msg.Rejected);
    a.send(Msg.Pong, { id: "not a number" });
    expect((await rejected).reason).toBe("malformed");
    // Three lines at once with a burst of two: the third is refused for pace.
    const refused = nextMessage<{ reason: string }>(a, Msg.Rejected);
    for (const text of ["one", "two", "three"]) a.send(Msg.Chat, { text });
    expect((await refused).reason).toBe("chat_rate_limited");
    // b drops and comes back to its seat.
    b.reconnection.enabled = false;
    const token = b.reconnectionToken;
    b.connection.close();
    await untilState(a, () => a.state.players.get(b.sessionId)?.connected === false);
    track(await new Client(app.url).reconnect<ArenaState>(token));
    await untilState(a, () => a.state.players.get(b.sessionId)?.connected === true);

    const m1 = await scrape();
    const grew = (name: string, labels = "") => sample(m1, name, labels) - sample(m0, name, labels);
    expect(sample(m1, "skirmish_rooms", 'type="arena"')).toBeGreaterThanOrEqual(1);
    expect(sample(m1, "skirmish_clients", 'type="arena"')).toBeGreaterThanOrEqual(2);
    // 30 simulation ticks at 60 Hz are 15 loop calls (two sub-steps each), each timed once.
    expect(grew("skirmish_tick_duration_seconds_count", 'type="arena"')).toBeGreaterThanOrEqual(10);
    expect(sample(m1, "skirmish_tick_duration_seconds_bucket", 'le="+Inf",type="arena"')).toBe(sample(m1, "skirmish_tick_duration_seconds_count", 'type="arena"'));
    expect(grew("skirmish_patch_bytes_sent_total", 'type="arena"')).toBeGreaterThan(0);
    expect(grew("skirmish_messages_received_total", 'type="arena"')).toBeGreaterThanOrEqual(5);
    expect(grew("skirmish_messages_rejected_total", 'reason="malformed"')).toBe(1);
    expect(grew("skirmish_chat_refused_total", 'reason="rate_limited"')).toBe(1);
    expect(grew("skirmish_reconnections_total", 'type="arena"')).toBe(1);
    expect(m1).toMatch(/^# TYPE skirmish_ticks_behind_schedule_total counter$/m);
    expect(m1).toMatch(/^skirmish_event_loop_lag_seconds\{quantile="0\.99"\} \d/m);
    expect(sample(m1, "process_resident_memory_bytes")).toBeGreaterThan(10 * 2 ** 20);
  });
});

describe("the monitor at /colyseus", () => {
  it("refuses a request without the password, or with a wrong one", async () => {
    const none = await fetch(`${app.url}/colyseus/api`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect((await fetch(`${app.url}/colyseus/api`, { headers: basic("not-the-password") })).status).toBe(401);
  });

  it("with the password lists rooms, inspects one, kicks a client and disposes the room", async () => {
    const a = track(await new Client(app.url).create<ArenaState>("arena", joinOptions("a")));
    const b = track(await new Client(app.url).joinById<ArenaState>(a.roomId, joinOptions("b")));
    await untilState(a, () => a.state.players?.size === 2);
    const auth = { headers: basic(PASSWORD) };

    expect((await fetch(`${app.url}/colyseus/`, auth)).status).toBe(200);
    const list = (await (await fetch(`${app.url}/colyseus/api`, auth)).json()) as { rooms: { roomId: string }[] };
    expect(list.rooms.map((r) => r.roomId)).toContain(a.roomId);
    const inspect = (await (await fetch(`${app.url}/colyseus/api/room?roomId=${a.roomId}`, auth)).json()) as { clients: { sessionId: string }[] };
    expect(inspect.clients.map((c) => c.sessionId).sort()).toEqual([a.sessionId, b.sessionId].sort());

    const call = (method: string, args: unknown[]) => fetch(`${app.url}/colyseus/api/room/call?roomId=${a.roomId}&method=${method}&args=${encodeURIComponent(JSON.stringify(args))}`, auth);
    const kicked = new Promise<void>((resolve) => b.onLeave.once(() => resolve()));
    expect((await call("_forceClientDisconnect", [b.sessionId])).status).toBe(200);
    await kicked;
    const closed = new Promise<void>((resolve) => a.onLeave.once(() => resolve()));
    expect((await call("disconnect", [])).status).toBe(200);
    await closed;
    expect(await redis.client.hget("roomcaches", a.roomId)).toBeNull();
  });
});

// In this test worker's own process: a server without MONITOR_PASSWORD, then draining.
describe("a server without MONITOR_PASSWORD", () => {
  it("has no monitor (404), and /health answers 503 once it drains", async () => {
    const server = await startTestServer();
    try {
      expect((await fetch(`${server.url}/colyseus/api`, { headers: basic(PASSWORD) })).status).toBe(404);
      expect((await health(server.url)).body).toMatchObject({ ok: true, redis: "off" });
      lifecycle.startDraining();
      const drained = await health(server.url);
      expect(drained.status).toBe(503);
      expect(drained.body).toMatchObject({ ok: false, draining: true });
    } finally {
      await server.stop();
    }
  });
});
