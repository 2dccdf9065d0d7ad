import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ChatClient, type ChatConnection } from "../../game/net/ChatClient.ts";
import { parseChatInput } from "../../game/net/chatCommands.ts";
import type { ChatLine } from "../../shared/chat.ts";
import { Msg, RejectReason } from "../../shared/protocol.ts";
import { join, leaveAll } from "../helpers/chatMembers.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

/** A connection the test drives by hand: it delivers server messages and records what is sent. */
function fakeConnection(sessionId = "me") {
  const handlers = new Map<string, (payload: unknown) => void>();
  let reconnect: () => void = () => undefined;
  const sent: Array<[string, unknown]> = [];
  const conn: ChatConnection = {
    sessionId,
    send: (type, payload) => void sent.push([type, payload]),
    onMessage: (type, callback) => {
      handlers.set(type, callback);
      return () => handlers.delete(type);
    },
    onReconnect: (callback) => (reconnect = callback),
  };
  return { conn, sent, deliver: (type: string, payload: unknown) => handlers.get(type)?.(payload), reconnect: () => reconnect() };
}

const line = (id: number, from = "other", text = `line ${id}`): ChatLine => ({ id, from, name: from, text, at: 0, kind: "player" });
const ids = (chat: ChatClient) => chat.visible().map((l) => l.id);

describe("ChatClient", () => {
  it("asks for what it missed when it starts and whenever the connection comes back", () => {
    const fake = fakeConnection();
    const chat = new ChatClient(fake.conn);
    expect(fake.sent).toEqual([[Msg.ChatSince, { after: 0 }]]);
    fake.deliver(Msg.ChatHistory, [line(1), line(2), line(3)]);
    fake.reconnect();
    expect(fake.sent.at(-1)).toEqual([Msg.ChatSince, { after: 3 }]);
    expect(chat.lastCompleteId).toBe(3);
  });

  it("shows each line once, in id order, however history and live lines overlap", () => {
    const fake = fakeConnection();
    const chat = new ChatClient(fake.conn);
    const changes: number[][] = [];
    chat.onChange((added) => changes.push(added.map((l) => l.id)));
    fake.deliver(Msg.ChatHistory, [line(1), line(2), line(3)]);
    fake.deliver(Msg.Chat, line(5));
    fake.deliver(Msg.ChatHistory, [line(2), line(3), line(4), line(5)]);
    fake.deliver(Msg.Chat, line(5));
    fake.deliver(Msg.Chat, line(6));
    expect(ids(chat)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(changes).toEqual([[1, 2, 3], [5], [4], [6]]);
    expect(chat.lastCompleteId).toBe(6);
  });

  it("waits for a gap to be filled, and gives up on lines the server no longer keeps", () => {
    const fake = fakeConnection();
    const chat = new ChatClient(fake.conn);
    fake.deliver(Msg.ChatHistory, [line(10), line(11)]);
    fake.deliver(Msg.Chat, line(13));
    expect(chat.lastCompleteId).toBe(11);
    fake.deliver(Msg.ChatHistory, [line(12), line(13)]);
    expect(chat.lastCompleteId).toBe(13);
    // Asked after 13, the server's oldest kept line is 20: 14-19 are gone for good.
    fake.deliver(Msg.ChatHistory, [line(20), line(21)]);
    expect(chat.lastCompleteId).toBe(21);
  });

  it("ignores payloads that are not chat lines (a history with a bad line is dropped whole, as any malformed message)", () => {
    const fake = fakeConnection();
    const chat = new ChatClient(fake.conn);
    fake.deliver(Msg.Chat, { id: "1", text: "x" });
    fake.deliver(Msg.ChatHistory, "nope");
    fake.deliver(Msg.ChatHistory, [null, line(1)]);
    expect(ids(chat)).toEqual([]);
    fake.deliver(Msg.ChatHistory, [line(1)]);
    expect(ids(chat)).toEqual([1]);
  });

  it("mutes a sender on this screen only, and never the player themself", () => {
    const fake = fakeConnection("me");
    const chat = new ChatClient(fake.conn);
    fake.deliver(Msg.ChatHistory, [line(1, "bob"), line(2, "me"), line(3, "carol")]);
    expect(chat.submit("/mute Bob")).toBeUndefined();
    expect(ids(chat)).toEqual([2, 3]);
    chat.mute("me", "me");
    expect(ids(chat)).toEqual([2, 3]);
    expect(chat.submit("/unmute bob")).toBeUndefined();
    expect(ids(chat)).toEqual([1, 2, 3]);
    expect(chat.submit("/mute nobody")).toMatch(/no one called nobody/);
  });

  it("/block sends chat_block for the server to keep and hides the sender's lines here at once; a refusal is shown", () => {
    const fake = fakeConnection("me");
    const chat = new ChatClient(fake.conn);
    const notices: string[] = [];
    chat.onNotice((n) => notices.push(n));
    fake.deliver(Msg.ChatHistory, [line(1, "bob"), line(2, "carol")]);
    expect(chat.submit("/block bob")).toBeUndefined();
    expect(fake.sent.at(-1)).toEqual([Msg.ChatBlock, { target: "bob", on: true }]);
    expect(ids(chat)).toEqual([2]);
    expect(chat.submit("/unblock bob")).toBeUndefined();
    expect(fake.sent.at(-1)).toEqual([Msg.ChatBlock, { target: "bob", on: false }]);
    expect(ids(chat)).toEqual([1, 2]);
    fake.deliver(Msg.Rejected, { reason: RejectReason.BlockRefused, detail: "sign in to block players" });
    expect(notices.at(-1)).toBe("sign in to block players");
  });

  it("pre-checks messages, sends commands for the owner, and shows chat refusals", () => {
    const fake = fakeConnection();
    const chat = new ChatClient(fake.conn);
    const notices: string[] = [];
    chat.onNotice((n) => notices.push(n));
    fake.deliver(Msg.ChatHistory, [line(1, "bob")]);
    expect(chat.submit("  \u0007 ")).toMatch(/empty/);
    expect(chat.submit("x".repeat(281))).toMatch(/at most 280/);
    expect(chat.submit(" hello\u0000 ")).toBeUndefined();
    expect(chat.submit("/muteall bob 5")).toBeUndefined();
    expect(fake.sent.slice(1)).toEqual([
      [Msg.Chat, { text: "hello" }],
      [Msg.ChatMute, { target: "bob", minutes: 5 }],
    ]);
    fake.deliver(Msg.Rejected, { reason: RejectReason.ChatRateLimited, detail: "slow down" });
    fake.deliver(Msg.Rejected, { reason: RejectReason.BadIntent, detail: "not for chat" });
    expect(notices).toEqual(["slow down"]);
  });
});

describe("chat commands", () => {
  it("parses messages and commands", () => {
    expect(parseChatInput("hello")).toEqual({ kind: "say", text: "hello" });
    expect(parseChatInput("//shrug")).toEqual({ kind: "say", text: "/shrug" });
    expect(parseChatInput("/mute big bob")).toEqual({ kind: "mute", name: "big bob" });
    expect(parseChatInput("/muteall big bob 15")).toEqual({ kind: "muteAll", name: "big bob", minutes: 15 });
    expect(parseChatInput("/muteall bob")).toEqual({ kind: "muteAll", name: "bob", minutes: 10 });
    expect(parseChatInput("/unmuteall bob")).toEqual({ kind: "muteAll", name: "bob", minutes: 0 });
    expect(parseChatInput("/block big bob")).toEqual({ kind: "block", name: "big bob", on: true });
    expect(parseChatInput("/UNBLOCK bob")).toEqual({ kind: "block", name: "bob", on: false });
    expect(parseChatInput("/block")).toEqual({ kind: "error", message: "usage: /block NAME" });
    expect(parseChatInput("/mute")).toMatchObject({ kind: "error" });
    expect(parseChatInput("/dance")).toMatchObject({ kind: "error" });
  });
});

describe("ChatClient on a real server", () => {
  let server: TestServer;
  const opened: Room[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await leaveAll(opened);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("shows the join history and its own catch-up answer without duplicates", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    for (const text of ["m1", "m2", "m3"]) alice.say(text);
    await alice.heard("m3");
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    const chat = new ChatClient(bob.room);
    // Both the join-time history and the answer to ChatClient's own chat_since arrive.
    await bob.history.until((h) => h.length === 2);
    expect(chat.visible().map((l) => l.text)).toEqual(["alice joined", "m1", "m2", "m3", "bob joined"]);
  });
});
