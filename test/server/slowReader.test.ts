/**
 * A client that stops reading (server/net/SendBacklog.ts): its backlog on the server stays
 * bounded, it is closed with 4010 and its seat held, the room and the other player go on,
 * and when it reads again it comes back to its seat on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import { Msg } from "../../shared/protocol.ts";
import { FLOOD, FLOOD_BYTES, FLOOD_ROOM, floodRoomType } from "../helpers/floodRoomType.ts";
import { startPausingProxy, type PausingProxy } from "../helpers/pausingProxy.ts";
import { joinOptions, leaveAll, startTestServer, type TestServer } from "../helpers/testServer.ts";

const LIMIT = 64 * 1024;

let server: TestServer;
let proxy: PausingProxy;
const rooms: Room[] = [];

beforeAll(async () => {
  server = await startTestServer({ SEND_BUFFER_LIMIT_BYTES: String(LIMIT), METRICS: "1" }, 0, [floodRoomType]);
  proxy = await startPausingProxy(server.port);
});
afterAll(async () => {
  await leaveAll(rooms);
  await proxy.close();
  await server.stop();
});

/** The first chat line that contains `text`. */
function chatLine(room: Room, text: string): Promise<void> {
  return new Promise((resolve) => {
    const off = room.onMessage(Msg.Chat, (line: { text: string }) => {
      if (!line.text.includes(text)) return;
      off();
      resolve();
    });
  });
}

/** Resolves after `n` more flood messages. */
function floods(room: Room, n: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const off = room.onMessage(FLOOD, () => {
      if (++seen < n) return;
      off();
      resolve();
    });
  });
}

async function metric(line: RegExp): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const m = line.exec(text);
  return m ? Number(m[1]) : 0;
}

describe("a client that stops reading", { timeout: 60_000 }, () => {
  it("is closed past the send-buffer limit with its seat held, and comes back when it reads again", async () => {
    const good = await server.client().create(FLOOD_ROOM, joinOptions("good"));
    rooms.push(good);
    good.onMessage(FLOOD, () => undefined);
    const slow = await new Client(proxy.url).joinById(good.roomId, joinOptions("slow"));
    rooms.push(slow);
    // The SDK reconnects by itself only a room it has been in for minUptime (5 s by default); this drop comes sooner.
    slow.reconnection.minUptime = 0;
    slow.onMessage(FLOOD, () => undefined);
    const dropped = new Promise<number>((resolve) => slow.onDrop.once((code) => resolve(code)));
    const back = new Promise<void>((resolve) => slow.onReconnect.once(() => resolve()));

    const held = chatLine(good, "slow lost connection");
    proxy.stopReading();
    await held; // the kit announces a drop only when it holds the seat

    expect(await metric(/^skirmish_slow_clients_closed_total\{type="flood"\} (\d+)/m)).toBe(1);
    // What the server held for it: at most the limit plus one patch interval of sends (two ticks).
    const backlog = await metric(/^skirmish_slow_client_backlog_bytes_sum\{type="flood"\} (\d+)/m);
    expect(backlog).toBeGreaterThan(LIMIT);
    expect(backlog).toBeLessThan(LIMIT + 3 * (FLOOD_BYTES + 64));
    // The room and the player who reads go on.
    await floods(good, 5);
    expect(good.connection.isOpen).toBe(true);
    const room = server.serverRoom<{ clients: unknown[] }>(good.roomId);
    expect(room.clients).toHaveLength(1);

    proxy.resume();
    // It reads its backlog, then the close (4010, or the destroyed socket's 1006), and reconnects by itself.
    expect([4010, 1006]).toContain(await dropped);
    await back;
    await floods(slow, 3);
    expect(room.clients).toHaveLength(2);
  });
});
