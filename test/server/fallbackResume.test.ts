/**
 * The lossless resume (server/kit/resume/) over the HTTP fallback, streamed and long-polled: a
 * fallback player drops, chat lines and an event are sent while it is away, it reconnects on
 * the fallback and resumes from the last numbered message it saw: each arrives once, in order.
 * Real server, real SDK client on the client's TransportClient forced onto the fallback.
 */
import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { KitRoom } from "../../server/kit/KitRoom.ts";
import type { ChatLine } from "../../shared/chat.ts";
import type { NumberedMessage } from "../../shared/kit/resume.ts";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import { Msg } from "../../shared/protocol.ts";
import { TransportClient, transportOf } from "../../game/net/transport/TransportClient.ts";
import { Inbox } from "../helpers/inbox.ts";
import { joinOptions, leaveAll, startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const rooms: Room[] = [];
beforeAll(async () => {
  server = await startTestServer({ RECONNECT_SECONDS: "20" });
});
afterEach(() => leaveAll(rooms));
afterAll(() => server.stop());

type Host = KitRoom<any, any, any, any>;
const text = (e: NumberedMessage) => (e.t === Msg.Chat ? (e.p as ChatLine).text : e.t);

describe.each(["stream", "poll"] as const)("lossless resume over the HTTP fallback (%s)", (downMode) => {
  it("what was sent while the player was away arrives after the reconnect, in order, each once", async () => {
    const name = `fal-${downMode}`;
    const room = await new TransportClient(server.url, { force: "fallback", downMode }).create(CONNECT4_ROOM, { ...joinOptions(name), resume: true });
    rooms.push(room);
    expect(transportOf(room)?.kind).toBe("fallback");
    room.reconnection.minUptime = 0;
    // The reconnect waits long enough that the lines below are sent while the seat is empty
    // (they are sent at once after the server saw the drop, the sync point).
    room.reconnection.backoff = () => 500;
    room.onMessage(Msg.Ping, () => undefined);
    const numbered = new Inbox<NumberedMessage>(room, Msg.Numbered);
    const host = server.serverRoom<Host>(room.roomId);
    await numbered.until((m) => m.some((e) => text(e) === `${name} joined`));
    const before = numbered.items.length;
    const reconnected = new Promise<void>((resolve) =>
      room.onReconnect.once(() => {
        room.send(Msg.Resume, { last: numbered.items.at(-1)?.n ?? 0 });
        resolve();
      }),
    );
    // What a network drop looks like to the client: the transport fails with 1006.
    transportOf(room)!.close(1006, "test drop");
    await vi.waitFor(() => expect(host.clients.getById(room.sessionId)).toBeUndefined(), { timeout: 10_000, interval: 20 });
    for (const i of [1, 2, 3]) host.chat.announce(`while away ${i}`);
    host.outbox.broadcast(Msg.Event, { type: "round_start", round: 7 });
    await reconnected;
    expect(transportOf(room)?.kind).toBe("fallback");
    await numbered.until((m) => m.some((e) => text(e) === `${name} is back`));

    const ns = numbered.items.map((e) => e.n);
    expect(ns).toEqual(ns.map((_, i) => i + 1)); // 1, 2, 3, ...: no gap, no repeat
    const after = numbered.items.slice(before).map(text);
    expect(after).toEqual([`${name} lost connection`, "while away 1", "while away 2", "while away 3", Msg.Event, Msg.RoomInfo, `${name} is back`]);
  });
});
