/**
 * Lossless resume at the protocol level (server/kit/resume/ResumeOutbox.ts): a real server, a
 * real SDK client behind the network conditioner, the numbered messages read off the wire and
 * `resume { last }` written by the test itself. Messages on the wire when the socket dies and
 * messages sent while the player is away arrive after the reconnect, in order, exactly once;
 * a gap older than the ring gets `resume_gap` and the room's info and chat afresh.
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startNetConditioner, type NetConditioner } from "../../server/dev/NetConditioner.ts";
import { NET_PRESETS } from "../../server/dev/netPresets.ts";
import type { KitRoom } from "../../server/kit/KitRoom.ts";
import type { ChatLine } from "../../shared/chat.ts";
import type { NumberedMessage, ResumeGapMessage } from "../../shared/kit/resume.ts";
import { Msg, RejectReason, type GameEvent } from "../../shared/protocol.ts";
import { joinOptions, leaveAll, startTestServer, type TestServer } from "../helpers/testServer.ts";
import { Inbox } from "../helpers/inbox.ts";
import { ResumeChannel } from "../../game/net/ResumeChannel.ts";
import { messagesOf, useChannel } from "../../game/net/messages.ts";
import { CONNECT4_ROOM, Connect4Msg, connect4Protocol } from "../../shared/connect4/protocol.ts";

const RING = 16;
let server: TestServer;
let net: NetConditioner;
const rooms: Room[] = [];
beforeAll(async () => {
  server = await startTestServer({ RECONNECT_SECONDS: "20", RESUME_RING_SIZE: String(RING) });
  net = await startNetConditioner({ target: { port: server.port }, seed: 18 });
});
afterEach(async () => {
  net.set(NET_PRESETS.off);
  await leaveAll(rooms);
});
afterAll(async () => {
  await net.close();
  await server.stop();
});

type Host = KitRoom<any, any, any, any>;

interface Wire {
  room: Room;
  host: Host;
  numbered: Inbox<NumberedMessage>;
  /** How many numbered messages had arrived when each reconnect happened. */
  reconnects: number[];
}

/** A player joined with `resume: true`, reading numbered messages raw; it resumes from the last it saw unless told not to. */
async function join(name: string, autoResume = true): Promise<Wire> {
  const room = await new Client(net.url).create(CONNECT4_ROOM, { ...joinOptions(name), resume: true });
  rooms.push(room);
  room.reconnection.minUptime = 0;
  const wire: Wire = { room, host: server.serverRoom<Host>(room.roomId), numbered: new Inbox(room, Msg.Numbered), reconnects: [] };
  room.onMessage(Msg.Ping, () => undefined);
  room.onReconnect(() => {
    wire.reconnects.push(wire.numbered.items.length);
    if (autoResume) room.send(Msg.Resume, { last: wire.numbered.items.at(-1)?.n ?? 0 });
  });
  // On join: room info, chat history, and the "joined" line.
  await wire.numbered.until((m) => m.some((e) => e.t === Msg.Chat && (e.p as ChatLine).text === `${name} joined`));
  return wire;
}

const back = (room: Room): Promise<void> => new Promise((resolve) => room.onReconnect.once(() => resolve()));
/** Wait until the server has seen the drop (the seat is held, the client is gone from the room). */
const awayOnServer = (w: Wire) => vi.waitFor(() => expect(w.host.clients.getById(w.room.sessionId)).toBeUndefined(), { timeout: 10_000, interval: 20 });

describe("lossless resume, on the wire", () => {
  it("replays what was in flight at the drop and what was sent while away, in order, each once", async () => {
    const w = await join("ada");
    const before = w.numbered.items.length;
    // A slow downlink: these three lines are still on the wire when the sockets are cut.
    net.set({ up: NET_PRESETS.off.up, down: { ...NET_PRESETS.off.down, latencyMs: 400 } });
    for (const i of [1, 2, 3]) w.host.chat.announce(`in flight ${i}`);
    const reconnected = back(w.room);
    net.outage(600);
    await awayOnServer(w);
    for (const i of [1, 2, 3]) w.host.chat.announce(`while away ${i}`);
    w.host.outbox.broadcast(Msg.Event, { type: "round_start", round: 7 });
    await reconnected;
    net.set(NET_PRESETS.off);
    await w.numbered.until((m) => m.some((e) => e.t === Msg.Chat && (e.p as ChatLine).text === "ada is back"));

    const ns = w.numbered.items.map((e) => e.n);
    expect(ns).toEqual(ns.map((_, i) => i + 1)); // 1, 2, 3, ...: no gap, no repeat
    // The in-flight lines were lost with the socket: they arrived only after the reconnect.
    expect(w.reconnects[0]).toBe(before);
    const order = w.numbered.items.slice(before).map((e) => (e.t === Msg.Chat ? (e.p as ChatLine).text : e.t));
    expect(order).toEqual(["in flight 1", "in flight 2", "in flight 3", "ada lost connection", "while away 1", "while away 2", "while away 3", Msg.Event, Msg.RoomInfo, "ada is back"]);
  });

  it("tells a client whose gap is older than the ring, and resends the room info and chat", async () => {
    const w = await join("bea");
    const gaps = new Inbox<ResumeGapMessage>(w.room, Msg.ResumeGap);
    const last = w.numbered.items.at(-1)!.n;
    const reconnected = back(w.room);
    net.outage(600);
    await awayOnServer(w);
    for (let i = 0; i < RING + 4; i++) w.host.chat.announce(`flood ${i}`);
    await reconnected;
    const [gap] = await gaps.until((g) => g.length === 1);
    // "bea lost connection" + the flood + RoomInfo + "bea is back": more than the ring keeps.
    const sent = last + 1 + RING + 4 + 2;
    expect(gap).toEqual({ last, oldest: sent - RING + 1, next: sent + 1 });
    const resync = await w.numbered.until((m) => m.some((e) => e.n === sent + 2));
    expect(resync.filter((e) => e.n > last).map((e) => e.t)).toEqual([Msg.RoomInfo, Msg.ChatHistory]);
    const history = resync.at(-1)!.p as ChatLine[];
    expect(history.at(-1)!.text).toBe("bea is back");
  });

  it("refuses a resume that does not follow a reconnect, and changes nothing", async () => {
    const w = await join("cai");
    const rejected = new Inbox<{ reason: string; detail: string }>(w.room, Msg.Rejected);
    const count = w.numbered.items.length;
    w.room.send(Msg.Resume, { last: 0 });
    const refusal = await w.numbered.until((m) => m.length > count);
    expect(refusal.slice(count).map((e) => e.t)).toEqual([Msg.Rejected]);
    expect(refusal.at(-1)!.p).toEqual({ reason: RejectReason.Malformed, detail: "resume: only once, right after a reconnect" });
    expect(rejected.items).toEqual([]); // numbered, never plain
    w.room.send(Msg.Resume, { last: -1 });
    const malformed = await w.numbered.until((m) => m.length > count + 1);
    expect(malformed.at(-1)!.p).toEqual({ reason: RejectReason.Malformed, detail: "resume: resume must be { last: integer >= 0 }" });
  });

  it("keeps plain messages for a client that did not ask for resume", async () => {
    const room = await new Client(net.url).create(CONNECT4_ROOM, joinOptions("dev"));
    rooms.push(room);
    const chat = new Inbox<ChatLine>(room, Msg.Chat);
    const numbered = new Inbox<NumberedMessage>(room, Msg.Numbered);
    room.onMessage(Msg.RoomInfo, () => undefined);
    room.onMessage(Msg.ChatHistory, () => undefined);
    await chat.until((lines) => lines.some((l) => l.text === "dev joined"));
    expect(numbered.items).toEqual([]);
  });

  it("through the game's ResumeChannel: events of the drop are handled once, and what was sent while away goes through", async () => {
    const room = await new Client(net.url).create(CONNECT4_ROOM, { ...joinOptions("eli"), resume: true });
    rooms.push(room);
    room.reconnection.minUptime = 0;
    const channel = new ResumeChannel(room);
    useChannel(room, channel);
    const typed = messagesOf(room, connect4Protocol);
    const events: GameEvent[] = [];
    const clocks: number[] = [];
    typed.on(Msg.Event, (e) => events.push(e));
    typed.on(Connect4Msg.Clock, (c) => clocks.push(c.now));
    typed.on(Msg.Ping, () => undefined);
    const host = server.serverRoom<Host>(room.roomId);
    await vi.waitFor(() => expect(channel.last).toBeGreaterThan(2), { timeout: 10_000, interval: 20 });

    const reconnected = back(room);
    net.outage(600);
    await vi.waitFor(() => expect(host.clients.getById(room.sessionId)).toBeUndefined(), { timeout: 10_000, interval: 20 });
    for (const victim of ["v1", "v2", "v3"]) host.outbox.broadcast(Msg.Event, { type: "kill", killer: "k", victim });
    // More than the SDK's own queue (10) of requests while the socket is down: none is lost.
    for (let i = 0; i < 14; i++) typed.send(Connect4Msg.Clock);
    await reconnected;
    await vi.waitFor(() => expect(clocks).toHaveLength(14), { timeout: 10_000, interval: 20 });
    expect(events).toEqual(["v1", "v2", "v3"].map((victim) => ({ type: "kill", killer: "k", victim })));
    expect(clocks).toEqual([...clocks].sort((x, y) => x - y));
    expect(channel.duplicates).toBe(0);
  });
});
