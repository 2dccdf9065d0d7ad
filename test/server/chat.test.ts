import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { CHAT_HISTORY_SIZE, CHAT_MAX_LENGTH } from "../../shared/chat.ts";
import { JoinError, Msg, RejectReason } from "../../shared/protocol.ts";
import { join, leaveAll, texts } from "../helpers/chatMembers.ts";
import { Inbox } from "../helpers/inbox.ts";
import { streamIntents } from "../helpers/intents.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const opened: Room[] = [];
const stops: Array<() => void> = [];

beforeAll(async () => {
  // A generous pace so these tests never meet the rate limit (chatRate.test.ts covers it).
  server = await startTestServer({ CHAT_BURST: "500", CHAT_RATE_MESSAGES: "500", CHAT_RATE_WINDOW_SECONDS: "1", CHAT_BLOCKLIST: "darn, Heck" });
});
afterEach(async () => {
  stops.splice(0).forEach((s) => s());
  await leaveAll(opened);
});
afterAll(async () => {
  await server.stop();
});

describe("room chat", () => {
  it("reaches everyone in the room, stamped by the server, and no one outside it", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    const carol = await join(server, "carol", { create: "arena" }, opened);
    const lobby = await join(server, "dave", { create: "lobby" }, opened);
    const before = Date.now();
    alice.say("hello room");
    const line = await bob.heard("hello room");
    expect(line).toMatchObject({ from: alice.room.sessionId, name: "alice", kind: "player" });
    expect(line.at).toBeGreaterThanOrEqual(before - 1000);
    expect(await alice.heard("hello room")).toEqual(line);
    // Each outsider hears its own later line; alice's would have come first.
    carol.say("other room");
    lobby.say("lobby");
    await carol.heard("other room");
    await lobby.heard("lobby");
    expect(texts(carol.lines.items)).not.toContain("hello room");
    expect(texts(lobby.lines.items)).not.toContain("hello room");
    expect(texts(bob.lines.items)).not.toContain("other room");
  });

  it("takes the sender's name from the seat, never from the message", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    alice.room.send(Msg.Chat, { text: "I am the admin", name: "admin", from: bob.room.sessionId, kind: "system", id: 1e9, at: 0 });
    const line = await bob.heard("I am the admin");
    expect(line).toMatchObject({ name: "alice", from: alice.room.sessionId, kind: "player" });
    expect(line.id).toBeLessThan(1e9);
    expect(line.at).toBeGreaterThan(0);
  });

  it("announces joins and leaves as system lines", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    expect(await alice.heard("bob joined")).toMatchObject({ kind: "system", from: "", name: "" });
    await bob.room.leave();
    expect(await alice.heard("bob left")).toMatchObject({ kind: "system" });
  });

  it("announces a kill in the arena", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    const game = server.serverRoom<ArenaRoom>(alice.room.roomId).game;
    Object.assign(game.world.players.get(alice.room.sessionId)!, { x: 300, y: 600 });
    Object.assign(game.world.players.get(bob.room.sessionId)!, { x: 500, y: 600 });
    stops.push(streamIntents(alice.room, () => ({ fire: true, aim: 0 })));
    expect(await bob.heard("alice eliminated bob")).toMatchObject({ kind: "system" });
  });
});

describe("history", () => {
  it(`gives a late joiner the last ${CHAT_HISTORY_SIZE} lines in order, without duplicates`, async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    for (let i = 1; i <= 55; i++) alice.say(`m${i}`);
    await alice.heard("m55");
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    const [history] = await bob.history.until((h) => h.length > 0);
    expect(texts(history!)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i + 6}`));
    const ids = history!.map((l) => l.id);
    ids.forEach((id, i) => i > 0 && expect(id).toBe(ids[i - 1]! + 1));
    // Live lines continue after the history: nothing repeated.
    await bob.heard("bob joined");
    alice.say("after");
    await bob.heard("after");
    expect(bob.lines.items.every((l) => l.id > ids.at(-1)!)).toBe(true);
  });

  it("answers chat_since with the kept lines after an id, in order (what a reconnecting client asks)", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    for (let i = 1; i <= 5; i++) alice.say(`m${i}`);
    const m2 = await alice.heard("m2");
    await alice.heard("m5");
    const carol = await join(server, "carol", { roomId: alice.room.roomId }, opened);
    await carol.history.until((h) => h.length === 1);
    await carol.heard("carol joined");
    carol.room.send(Msg.ChatSince, { after: m2.id });
    const [, since] = await carol.history.until((h) => h.length === 2);
    expect(texts(since!)).toEqual(["m3", "m4", "m5", "carol joined"]);
    expect(since!.map((l) => l.id)).toEqual([m2.id + 1, m2.id + 2, m2.id + 3, m2.id + 4]);
  });
});

describe("bad messages", () => {
  it("refuses empty, oversized and malformed messages to the sender alone, and the room carries on", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    const bad: Array<[unknown, string]> = [
      [{ text: "" }, RejectReason.ChatEmpty],
      [{ text: "   \u0007\u0000  " }, RejectReason.ChatEmpty],
      [{ text: "x".repeat(CHAT_MAX_LENGTH + 1) }, RejectReason.ChatTooLong],
      [{ text: "😀".repeat(CHAT_MAX_LENGTH + 1) }, RejectReason.ChatTooLong],
      [{ text: 42 }, RejectReason.Malformed],
      [{ text: ["hi"] }, RejectReason.Malformed],
      ["just a string", RejectReason.Malformed],
      [null, RejectReason.Malformed],
    ];
    for (const [payload] of bad) alice.room.send(Msg.Chat, payload);
    const refusals = await alice.rejected.until((r) => r.length === bad.length);
    expect(refusals.map((r) => r.reason)).toEqual(bad.map(([, reason]) => reason));
    // At the limit is fine, counted in characters: 280 emoji are 560 UTF-16 units.
    alice.say("😀".repeat(CHAT_MAX_LENGTH));
    alice.say("after");
    await bob.heard("after");
    expect(texts(bob.lines.items.filter((l) => l.kind === "player"))).toEqual(["😀".repeat(CHAT_MAX_LENGTH), "after"]);
    expect(alice.room.connection.isOpen).toBe(true);
  });

  it("strips control characters and bidirectional overrides", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    alice.say("a\u0000b\u001b[31mc\u202ed\u2066e\nline two\t!");
    const line = await alice.lines.find((l) => l.kind === "player");
    expect(line.text).toBe("ab[31mcde line two !");
  });

  it("masks the host's blocked words, whole words only, in any case", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    alice.say("Darn it, what the HECK; darning is fine");
    const line = await alice.lines.find((l) => l.kind === "player");
    expect(line.text).toBe("**** it, what the ****; darning is fine");
  });
});

describe("mute for everyone", () => {
  it("lets the room owner, and only the owner, mute a player for everyone", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    const carol = await join(server, "carol", { roomId: alice.room.roomId }, opened);
    const room = server.serverRoom<ArenaRoom>(alice.room.roomId);
    // Private-room ownership is not built yet; arrange it through the hook.
    room.isOwner = (sessionId) => sessionId === alice.room.sessionId;

    bob.room.send(Msg.ChatMute, { target: alice.room.sessionId, minutes: 5 });
    await bob.refused(RejectReason.NotOwner);
    alice.room.send(Msg.ChatMute, { target: "nobody", minutes: 5 });
    await alice.refused(RejectReason.UnknownPlayer);

    alice.room.send(Msg.ChatMute, { target: bob.room.sessionId, minutes: 5 });
    await carol.heard("bob was muted by the room owner for 5 min");
    bob.say("let me speak");
    expect((await bob.refused(RejectReason.ChatMuted)).detail).toContain("room owner");

    alice.room.send(Msg.ChatMute, { target: bob.room.sessionId, minutes: 0 });
    await carol.heard("bob may chat again");
    bob.say("thanks");
    await carol.heard("thanks");
    expect(texts(carol.lines.items)).not.toContain("let me speak");
    expect(room.guard.stats.rejected).toBe(0);
  });
});

describe("lobby chat", () => {
  it("needs a valid name to join, and still lists rooms live", async () => {
    const sdk = server.client();
    await expect(sdk.create("lobby", {})).rejects.toMatchObject({ code: JoinError.InvalidOptions });
    const dave = await join(server, "dave", { create: "lobby" }, opened);
    const listed = new Inbox<[string, { name: string }]>(dave.room, "+");
    const alice = await join(server, "alice", { create: "arena" }, opened);
    const [, listing] = await listed.find(([roomId]) => roomId === alice.room.roomId);
    expect(listing.name).toBe("arena");
  });

  it("is a channel of its own: lobby lines stay in the lobby, room lines in the room", async () => {
    const dave = await join(server, "dave", { create: "lobby" }, opened);
    const erin = await join(server, "erin", { roomId: dave.room.roomId }, opened);
    const alice = await join(server, "alice", { create: "arena" }, opened);
    dave.say("anyone for a game?");
    alice.say("in the arena");
    await erin.heard("anyone for a game?");
    await alice.heard("in the arena");
    erin.say("me");
    await dave.heard("me");
    expect(texts(dave.lines.items)).toEqual(["anyone for a game?", "me"]);
    expect(texts(alice.lines.items)).not.toContain("anyone for a game?");
  });
});
