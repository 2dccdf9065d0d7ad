/**
 * The network conditioner on real sockets: bytes cross it whole and in order whatever it does
 * to them; latency, stalls, loss and the bandwidth cap hold bytes back exactly as long as the
 * model says (on a clock the test moves by hand); the same seed gives the same stalls; a drop
 * cuts the game's WebSockets and the SDK comes back to its seat; an outage refuses connections.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { stallProcess, startNetConditioner, type NetConditioner } from "../../server/dev/NetConditioner.ts";
import { createConditionerControl } from "../../server/dev/conditionerControl.ts";
import { NET_PRESETS, TCP_RTO_MIN_MS, netPreset, type LinkConditions, type NetConditions } from "../../server/dev/netPresets.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { RoomName } from "../../shared/protocol.ts";
import { manualTimers, type ManualTimers } from "../helpers/manualTimers.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";
import { Client, type Room } from "@colyseus/sdk";

/** A TCP server that keeps everything each connection sends it. */
async function sink(): Promise<{ server: Server; port: number; received: () => Buffer; close: () => Promise<void> }> {
  const chunks: Buffer[] = [];
  const sockets: Socket[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    s.on("data", (d: Buffer) => chunks.push(d));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    received: () => Buffer.concat(chunks),
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

/** Poll a condition that real I/O will make true (a sync point, not a timing assertion). */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never happened: ${what}`);
}

const link = (l: Partial<LinkConditions>): LinkConditions => ({ ...NET_PRESETS.off.up, ...l });
const upOnly = (l: Partial<LinkConditions>): NetConditions => ({ up: link(l), down: NET_PRESETS.off.down });

/** Resolve when the SDK reconnects; fail (not hang) if it gives up and leaves. */
const backInSeat = (room: Room): Promise<void> =>
  new Promise((resolve, reject) => {
    room.onReconnect(() => resolve());
    room.onLeave((code: number) => reject(new Error(`left with code ${code} instead of reconnecting`)));
  });

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

async function rig(conditions: NetConditions, seed = 1, clock?: ManualTimers) {
  const target = await sink();
  opened.push(target);
  const net = await startNetConditioner({ target: { port: target.port }, seed, conditions, clock });
  opened.push(net);
  const socket = connect({ port: net.port, host: "127.0.0.1" });
  await new Promise<void>((r) => socket.once("connect", () => r()));
  opened.push({ close: async () => void socket.destroy() });
  return { target, net, socket };
}

describe("bytes through the conditioner", () => {
  it("arrive whole and in order under jitter and bursty loss", async () => {
    const { target, socket } = await rig(upOnly({ latencyMs: 2, jitterMs: 30, loss: 0.05, lossBurst: 2 }), 42);
    const sent: Buffer[] = [];
    for (let i = 0; i < 300; i++) {
      const chunk = Buffer.from(`<${i}:${"x".repeat(i % 17)}>`);
      sent.push(chunk);
      socket.write(chunk);
      if (i % 25 === 0) await new Promise((r) => setImmediate(r));
    }
    const all = Buffer.concat(sent);
    await eventually(() => target.received().length >= all.length, "every byte delivered");
    expect(target.received().equals(all)).toBe(true);
  });
});

describe("on a clock moved by hand", () => {
  /** Send `data` through a link with `conditions`: it must be held exactly `heldMs`, not a millisecond less. */
  async function heldExactly(conditions: Partial<LinkConditions>, data: Buffer, heldMs: number): Promise<void> {
    const clock = manualTimers();
    const { net, socket } = await rig(upOnly(conditions), 1, clock);
    socket.write(data);
    await eventually(() => net.stats().bytesUp === data.length, "the proxy read the bytes");
    clock.advance(heldMs - 1);
    expect(net.stats().deliveredUp).toBe(0);
    clock.advance(1);
    expect(net.stats().deliveredUp).toBe(data.length);
  }

  it("holds each chunk for the one-way latency, not a millisecond less", async () => {
    await heldExactly({ latencyMs: 100 }, Buffer.from("hello"), 100);
  });

  it("caps the bandwidth: 1000 bytes at 80 kbit/s take 100 ms to leave, on top of the latency", async () => {
    await heldExactly({ kbps: 80, latencyMs: 20 }, Buffer.alloc(1000, 1), 120);
  });

  it("a stall forwards nothing either way until it ends, then everything held, in order", async () => {
    const clock = manualTimers();
    const { net, socket, target } = await rig(upOnly({ latencyMs: 10 }), 1, clock);
    net.stall(500);
    socket.write("a");
    await eventually(() => net.stats().bytesUp === 1, "the proxy read the first chunk");
    clock.advance(200);
    socket.write("b");
    await eventually(() => net.stats().bytesUp === 2, "the proxy read the second chunk");
    clock.advance(299);
    expect(net.stats().deliveredUp).toBe(0);
    clock.advance(1);
    expect(net.stats().deliveredUp).toBe(2);
    await eventually(() => target.received().length === 2, "the target got both");
    expect(target.received().toString()).toBe("ab");
  });

  it("a loss stalls its chunk and every later one for at least TCP's minimum retransmission timeout", async () => {
    const clock = manualTimers();
    const { net, socket } = await rig(upOnly({ latencyMs: 5, loss: 0.5 }), 3, clock);
    let sent = 0;
    // Chunks until one is lost; everything before it is delivered on time.
    while (net.stats().lossStalls === 0 && sent < 40) {
      socket.write("z");
      sent++;
      await eventually(() => net.stats().bytesUp === sent, "the proxy read the chunk");
      clock.advance(5);
    }
    expect(net.stats().lossStalls).toBe(1);
    expect(net.stats().deliveredUp).toBe(sent - 1);
    socket.write("after");
    await eventually(() => net.stats().bytesUp === sent + 5, "the proxy read the chunk after the loss");
    clock.advance(TCP_RTO_MIN_MS - 10);
    // Head-of-line: the chunk sent after the lost one waits too.
    expect(net.stats().deliveredUp).toBe(sent - 1);
    clock.advance(10);
    expect(net.stats().deliveredUp).toBe(sent + 5);
  });

  it("the same seed draws the same losses; another seed, others", async () => {
    const pattern = async (seed: number) => {
      const clock = manualTimers();
      const { net, socket } = await rig(upOnly({ latencyMs: 5, loss: 0.3 }), seed, clock);
      const stalls: number[] = [];
      for (let i = 0; i < 30; i++) {
        socket.write("q");
        await eventually(() => net.stats().bytesUp === i + 1, "the proxy read the chunk");
        stalls.push(net.stats().lossStalls);
        clock.advance(2000);
      }
      return stalls.join(",");
    };
    const first = await pattern(7);
    expect(await pattern(7)).toBe(first);
    expect(await pattern(8)).not.toBe(first);
  });
});

describe("a real process stall", () => {
  it("stallProcess stops a child server: nothing comes back until it runs again, then the answer does", async () => {
    // A child TCP echo server, printing its port.
    const child = spawn(process.execPath, ["-e", "const s=require('net').createServer(c=>c.pipe(c)).listen(0,'127.0.0.1',()=>console.log(s.address().port))"], { stdio: ["ignore", "pipe", "inherit"] });
    opened.push({ close: async () => void child.kill("SIGKILL") });
    const port = await new Promise<number>((r) => child.stdout!.once("data", (d: Buffer) => r(Number(String(d).trim()))));
    const socket = connect({ port, host: "127.0.0.1" });
    opened.push({ close: async () => void socket.destroy() });
    await new Promise<void>((r) => socket.once("connect", () => r()));
    let echoed = "";
    socket.on("data", (d: Buffer) => (echoed += String(d)));
    const running = stallProcess(child.pid!, 300);
    socket.write("ping");
    let echoedWhileStopped = "unset";
    await running.then(() => (echoedWhileStopped = echoed));
    expect(echoedWhileStopped).toBe("");
    await eventually(() => echoed === "ping", "the echo after the process ran again");
  });
});

describe("the presets", () => {
  it("are named off, goodWifi, mobile4g and badHotel, and a bad name is none", () => {
    expect(netPreset("mobile4g")?.down.latencyMs).toBeGreaterThan(0);
    expect(netPreset("off")).toEqual(NET_PRESETS.off);
    expect(netPreset("toString")).toBeUndefined();
  });

  it("refuses conditions out of range and keeps the old ones", async () => {
    const { net } = await rig(NET_PRESETS.goodWifi);
    expect(() => net.set(upOnly({ loss: 2 }))).toThrow(/loss/);
    expect(net.current()).toEqual(NET_PRESETS.goodWifi);
  });
});

describe("the control API (the debug overlay's)", () => {
  it("shows the conditions, switches presets, and refuses a foreign page and a bad name, changing nothing", async () => {
    const { net } = await rig(NET_PRESETS.goodWifi);
    const control = createConditionerControl(net, { preset: "goodWifi" }, ["http://localhost:5173"]);
    await new Promise<void>((r) => control.listen(0, "127.0.0.1", () => r()));
    opened.push({ close: () => new Promise<void>((r) => control.close(() => r())) });
    const base = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
    const page = { origin: "http://localhost:5173" };

    const shown = await fetch(`${base}/net`, { headers: page });
    expect(shown.headers.get("access-control-allow-origin")).toBe(page.origin);
    expect(await shown.json()).toMatchObject({ preset: "goodWifi", presets: ["off", "goodWifi", "mobile4g", "badHotel"], conditions: NET_PRESETS.goodWifi });

    const foreign = await fetch(`${base}/net/preset/off`, { method: "POST", headers: { origin: "http://evil.example" } });
    expect(foreign.status).toBe(403);
    const unknown = await fetch(`${base}/net/preset/lunar`, { method: "POST", headers: page });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()) as { error: string }).toEqual({ error: 'no preset "lunar"; presets: off, goodWifi, mobile4g, badHotel' });
    const badStall = await fetch(`${base}/net/stall?ms=99999`, { method: "POST", headers: page });
    expect(badStall.status).toBe(400);
    expect(net.current()).toEqual(NET_PRESETS.goodWifi);

    const switched = await fetch(`${base}/net/preset/badHotel`, { method: "POST", headers: page });
    expect(await switched.json()).toEqual({ preset: "badHotel" });
    expect(net.current()).toEqual(NET_PRESETS.badHotel);
  });
});

describe("a game through the conditioner", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RECONNECT_SECONDS: "10" });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("plays over a mobile link, and after a drop of its WebSocket the SDK comes back to the same seat", async () => {
    const net = await startNetConditioner({ target: { port: server.port }, seed: 11, conditions: NET_PRESETS.mobile4g });
    opened.push(net);
    const room = await new Client(net.url).create<ArenaState>(RoomName.Arena, joinOptions("roamer"));
    room.reconnection.minUptime = 0;
    await untilState(room, () => room.state.players?.get(room.sessionId)?.connected === true);
    expect(net.stats().websockets).toBe(1);
    const reconnected = backInSeat(room);
    expect(net.dropWebSockets()).toBe(1);
    await reconnected;
    await untilState(room, () => room.state.players.get(room.sessionId)?.connected === true);
    expect(net.stats().websockets).toBe(2);
    expect(room.state.players.size).toBe(1);
    await room.leave(true);
  });

  it("refuses every connection during an outage, and lets the SDK back in after it", async () => {
    const net = await startNetConditioner({ target: { port: server.port }, seed: 12 });
    opened.push(net);
    const room = await new Client(net.url).create<ArenaState>(RoomName.Arena, joinOptions("tunnel"));
    room.reconnection.minUptime = 0;
    await untilState(room, () => room.state.players?.get(room.sessionId)?.connected === true);
    const dropped = new Promise<void>((r) => room.onDrop(() => r()));
    const reconnected = backInSeat(room);
    net.outage(1500);
    await dropped;
    await reconnected;
    // At least one attempt was refused (the SDK retries from 100 ms, doubling).
    expect(net.stats().refused).toBeGreaterThan(0);
    expect(net.stats().websockets).toBe(2);
    await untilState(room, () => room.state.players.get(room.sessionId)?.connected === true);
    await room.leave(true);
  });
});
