/**
 * Kicks and owner mutes that stick for the room's lifetime: a kicked player's rejoin under a
 * new session is refused with the kick's reason, and leaving and rejoining does not lift a
 * mute. Until accounts exist both are held against the client address the access gate
 * resolved (each player here has its own, through a trusted proxy hop).
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { JoinError, Msg, RejectReason } from "../../shared/protocol.ts";
import { joinOptions, leaveCode, nextMessage, startTestServer, untilState, type TestServer, leaveAll } from "../helpers/testServer.ts";

let server: TestServer | undefined;
const rooms: Room[] = [];
afterEach(async () => {
  await leaveAll(rooms);
  await server?.stop();
  server = undefined;
});

/** An SDK client whose matchmaking requests arrive through the proxy from `address`. */
const clientAt = (s: TestServer, address: string) => new Client(s.url, { headers: { "x-forwarded-for": address } });
const track = <T extends Room>(r: T): T => (rooms.push(r), r);

async function privateRoom(s: TestServer) {
  const owner = track(await clientAt(s, "198.51.100.1").create<ArenaState>("arena", { ...joinOptions("owner"), private: true }));
  const guest = track(await clientAt(s, "198.51.100.2").joinById<ArenaState>(owner.roomId, joinOptions("guest")));
  await untilState(owner, () => owner.state.players?.size === 2);
  return { owner, guest };
}

describe("kicks that stick", () => {
  it("a kicked player's rejoin by room id is refused with the kick's reason; others still get in", async () => {
    server = await startTestServer({ TRUST_PROXY: "1" });
    const { owner, guest } = await privateRoom(server);
    const gone = leaveCode(guest);
    owner.send(Msg.Kick, { target: guest.sessionId });
    await gone;
    await expect(clientAt(server, "198.51.100.2").joinById(owner.roomId, joinOptions("guest again"))).rejects.toMatchObject({
      code: JoinError.Kicked,
      message: expect.stringMatching(/removed from the room by its owner/),
    });
    const other = track(await clientAt(server, "198.51.100.3").joinById<ArenaState>(owner.roomId, joinOptions("other")));
    await untilState(owner, () => owner.state.players.has(other.sessionId));
  });
});

describe("owner mutes that stick", () => {
  it("leaving and rejoining does not lift a mute", async () => {
    server = await startTestServer({ TRUST_PROXY: "1" });
    const { owner, guest } = await privateRoom(server);
    const announced = nextMessage<{ text: string }>(owner, Msg.Chat);
    owner.send(Msg.ChatMute, { target: guest.sessionId, minutes: 5 });
    expect((await announced).text).toMatch(/guest was muted by the room owner/);
    await guest.leave(true);
    const back = track(await clientAt(server, "198.51.100.2").joinById<ArenaState>(owner.roomId, joinOptions("guest")));
    const refused = nextMessage<{ reason: string; detail: string }>(back, Msg.Rejected);
    back.send(Msg.Chat, { text: "am I back?" });
    const r = await refused;
    expect(r.reason).toBe(RejectReason.ChatMuted);
    expect(r.detail).toMatch(/muted by the room owner for another \d+ s/);
  });
});
