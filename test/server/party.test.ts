/**
 * Parties (server/party): friends join by the party's code and see each other live; the
 * leader's play lands every member in one arena room as their accounts; a member who drops
 * keeps their place for RECONNECT_SECONDS, then leaves; bad joins and plays are refused by name.
 */
import type { Room } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { PARTY_ROOM, PartyError, PartyMode, PartyMsg, PartyReject } from "../../shared/party/protocol.ts";
import type { PartyState } from "../../shared/party/schema.ts";
import { JoinError, Msg, RejectReason, RoomName, type RejectedMessage } from "../../shared/protocol.ts";
import type { SeatReservation } from "../../shared/seatReservation.ts";
import type { KitRoom } from "../../server/kit/KitRoom.ts";
import { Inbox } from "../helpers/inbox.ts";
import { dropSocket, serverPerTest, signedIn } from "../helpers/socialRooms.ts";
import { joinOptions, untilState, type TestServer } from "../helpers/testServer.ts";

type Party = Room<PartyState>;
const { start, open } = serverPerTest();

/** The party a code names, as the client finds it (GET /api/rooms/code/:code). */
async function lookup(s: TestServer, code: string): Promise<{ status: number; body: { roomId?: string; type?: string; error?: string } }> {
  const res = await fetch(`${s.url}/api/rooms/code/${encodeURIComponent(code)}`);
  return { status: res.status, body: (await res.json()) as { roomId?: string; type?: string; error?: string } };
}

async function createParty(s: TestServer, name: string): Promise<Party> {
  const { sdk } = await signedIn(s, name);
  const party = await sdk.create<PartyState>(PARTY_ROOM, {});
  open.push(party);
  await untilState(party, () => party.state.code?.length === 5);
  return party;
}

async function joinParty(s: TestServer, name: string, code: string): Promise<Party> {
  const found = await lookup(s, code);
  expect(found.body.type).toBe(PARTY_ROOM);
  const { sdk } = await signedIn(s, name);
  const party = await sdk.joinById<PartyState>(found.body.roomId!, {});
  open.push(party);
  return party;
}

const names = (p: Party) => [...p.state.members.values()].map((m) => m.name).sort();

describe("a party", () => {
  it("is joined by its code, shows its members and leader live, and plays into one arena room", async () => {
    const s = await start();
    const lead = await createParty(s, "lead");
    const friend = await joinParty(s, "friend", lead.state.code.toLowerCase());
    await untilState(lead, () => lead.state.members.size === 2);
    expect(names(lead)).toEqual(["friend", "lead"]);
    await untilState(friend, () => friend.state.members?.size === 2);
    expect(friend.state.leaderId).toBe(lead.sessionId);

    const seats = [new Inbox<SeatReservation>(lead, PartyMsg.Seat), new Inbox<SeatReservation>(friend, PartyMsg.Seat)];
    lead.send(PartyMsg.Play, { mode: PartyMode.Arena });
    const [a, b] = await Promise.all(seats.map((inbox) => inbox.find(() => true)));
    expect(a!.roomId).toBe(b!.roomId);
    expect(a!.name).toBe(RoomName.Arena);
    const sdk = s.client();
    const rooms = await Promise.all([sdk.consumeSeatReservation(a as never), sdk.consumeSeatReservation(b as never)]);
    open.push(...rooms);
    const arena = s.serverRoom<KitRoom<never, never, unknown, unknown>>(a!.roomId);
    expect([...arena.seats.values()].map((seat) => seat.name).sort()).toEqual(["friend", "lead"]);
    expect(arena.accounts.size).toBe(2);
    // Still a party while they play.
    expect(lead.state.members.size).toBe(2);
  });

  it("joins an arena that has room for the whole party rather than splitting it", async () => {
    const s = await start({ ARENA_MAX_PLAYERS: "3" });
    const stranger = await s.client().create(RoomName.Arena, joinOptions("stranger"));
    open.push(stranger);
    const lead = await createParty(s, "lead");
    const friend = await joinParty(s, "friend", lead.state.code);
    await untilState(lead, () => lead.state.members.size === 2);
    const seat = new Inbox<SeatReservation>(friend, PartyMsg.Seat);
    const busy = new Inbox<RejectedMessage>(lead, Msg.Rejected);
    // A double click: the second play waits for the first, so one room, one seat each.
    lead.send(PartyMsg.Play, { mode: PartyMode.Arena });
    lead.send(PartyMsg.Play, { mode: PartyMode.Arena });
    // Two free seats beside the stranger: the party goes there.
    expect((await seat.find(() => true)).roomId).toBe(stranger.roomId);
    expect((await busy.find(() => true)).reason).toBe(PartyReject.Busy);
    expect(seat.items).toHaveLength(1);

    const third = await joinParty(s, "third", lead.state.code);
    await untilState(lead, () => lead.state.members.size === 3);
    const seat3 = new Inbox<SeatReservation>(third, PartyMsg.Seat);
    lead.send(PartyMsg.Play, { mode: PartyMode.Arena });
    // Three members do not fit beside the stranger: a new arena.
    expect((await seat3.find(() => true)).roomId).not.toBe(stranger.roomId);
  });

  it("keeps a dropped member's place, shown as away, for the window, then removes them; a leader leaving passes the lead", async () => {
    const s = await start({ RECONNECT_SECONDS: "1" });
    const lead = await createParty(s, "lead");
    const friend = await joinParty(s, "friend", lead.state.code);
    await untilState(lead, () => lead.state.members.size === 2);
    dropSocket(s.serverRoom(lead.roomId), friend);
    await untilState(lead, () => lead.state.members.get(friend.sessionId)?.connected === false);
    expect(lead.state.members.size).toBe(2);
    await untilState(lead, () => lead.state.members.size === 1);
    expect(names(lead)).toEqual(["lead"]);

    const other = await joinParty(s, "other", lead.state.code);
    await untilState(other, () => other.state.members?.size === 2);
    await lead.leave(true);
    await untilState(other, () => other.state.members.size === 1);
    expect(other.state.leaderId).toBe(other.sessionId);
  });

  it("refuses by name: an unknown code, a full party, a second party, no account, a non-leader's play, bad messages", async () => {
    const s = await start({ PARTY_MAX_SIZE: "2" });
    const unknown = await lookup(s, "ZZZZZ");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/no open room has that code/);

    const lead = await createParty(s, "lead");
    const friend = await joinParty(s, "friend", lead.state.code);
    await untilState(lead, () => lead.state.members.size === 2);
    const { sdk: late } = await signedIn(s, "late");
    await expect(late.joinById(lead.roomId, {})).rejects.toMatchObject({ code: PartyError.Full, message: expect.stringMatching(/full/) });
    // One party per account: the friend cannot open a second.
    const { sdk: twice, token } = await signedIn(s, "twice");
    const own = await twice.create<PartyState>(PARTY_ROOM, {});
    open.push(own);
    const again = s.client();
    again.auth.token = token;
    await expect(again.create(PARTY_ROOM, {})).rejects.toMatchObject({ code: PartyError.AlreadyInParty });
    await expect(again.joinById(own.roomId, {})).rejects.toMatchObject({ code: PartyError.AlreadyInParty });
    await expect(s.client().create(PARTY_ROOM, {})).rejects.toMatchObject({ code: PartyError.AccountRequired });
    await expect(twice.create(PARTY_ROOM, { name: "x" })).rejects.toMatchObject({ code: JoinError.InvalidOptions });
    expect(lead.state.members.size).toBe(2);

    const rejected = new Inbox<RejectedMessage>(friend, Msg.Rejected);
    const seats = new Inbox<SeatReservation>(friend, PartyMsg.Seat);
    friend.send(PartyMsg.Play, { mode: PartyMode.Arena });
    friend.send(PartyMsg.Play, { mode: "moon" });
    friend.send("disband", {});
    await rejected.until((items) => items.length >= 3);
    expect(rejected.items.map((r) => r.reason)).toEqual([PartyReject.NotLeader, RejectReason.Malformed, RejectReason.UnknownType]);
    expect(seats.items).toHaveLength(0);
  });
});
