import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import type { ChatLine } from "../../shared/chat.ts";
import { Msg, RejectReason } from "../../shared/protocol.ts";
import { join, leaveAll } from "../helpers/chatMembers.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const opened: Room[] = [];

beforeAll(async () => {
  // A burst of 3 and (in effect) no refill, so the count is exact; 5 refusals mute.
  // MAX_INVALID_MESSAGES is low to show that refusals for pace are not counted as invalid.
  server = await startTestServer({
    CHAT_BURST: "3",
    CHAT_RATE_MESSAGES: "1",
    CHAT_RATE_WINDOW_SECONDS: "3600",
    CHAT_FLOOD_REFUSALS: "5",
    CHAT_MUTE_SECONDS: "60",
    MAX_INVALID_MESSAGES: "2",
  });
});
afterEach(async () => {
  await leaveAll(opened);
});
afterAll(async () => {
  await server.stop();
});

const fromAlice = (lines: readonly ChatLine[], id: string) => lines.filter((l) => l.from === id);

describe("chat rate limit", () => {
  it("refuses messages over the pace to the sender alone, who stays connected", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    for (let i = 1; i <= 4; i++) alice.say(`m${i}`);
    const refusal = await alice.refused(RejectReason.ChatRateLimited);
    expect(refusal.detail).toMatch(/send again in \d+ s/);
    await bob.heard("m3");
    // Still connected and served: history answers come back on the same connection.
    alice.room.send(Msg.ChatSince, { after: 0 });
    await alice.history.until((h) => h.length === 2);
    expect(alice.room.connection.isOpen).toBe(true);
    expect(fromAlice(bob.lines.items, alice.room.sessionId).map((l) => l.text)).toEqual(["m1", "m2", "m3"]);
    expect(server.serverRoom<ArenaRoom>(alice.room.roomId).guard.stats.rejected).toBe(0);
  });

  it("mutes a sustained flood, tells the sender, and keeps them connected", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    for (let i = 1; i <= 12; i++) alice.say(`flood ${i}`);
    // 3 pass, 4 refused for pace, the 5th refusal mutes, and the rest meet the mute.
    const refusals = await alice.rejected.until((r) => r.length === 9);
    expect(refusals.map((r) => r.reason)).toEqual([
      ...Array<string>(4).fill(RejectReason.ChatRateLimited),
      ...Array<string>(5).fill(RejectReason.ChatMuted),
    ]);
    expect(refusals[4]!.detail).toMatch(/muted for sending too many messages for another 60 s/);
    bob.say("still here?");
    await alice.heard("still here?");
    expect(alice.room.connection.isOpen).toBe(true);
    expect(fromAlice(bob.lines.items, alice.room.sessionId)).toHaveLength(3);
    const room = server.serverRoom<ArenaRoom>(alice.room.roomId);
    expect(room.clients.getById(alice.room.sessionId)).toBeDefined();
    expect(room.guard.stats).toEqual({ rejected: 0, kicked: 0 });
  });

  it("paces each player separately", async () => {
    const alice = await join(server, "alice", { create: "arena" }, opened);
    const bob = await join(server, "bob", { roomId: alice.room.roomId }, opened);
    for (let i = 1; i <= 4; i++) alice.say(`a${i}`);
    await alice.refused(RejectReason.ChatRateLimited);
    bob.say("b1");
    await alice.heard("b1");
    expect(bob.rejected.items).toEqual([]);
  });
});
