/**
 * The menu's party and ranked-queue clients (game/net/PartyClient.ts, RankedClient.ts) against
 * a real server with SDK clients: the party view the panel draws (members, leader, you, away),
 * the leader's play reaching every member as a seat, and a ranked ticket's status line, its
 * hand-off once matched (confirm, then the seat) and its cancel.
 */
import type { Room } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { PartyClient, type PartyView } from "../../game/net/PartyClient.ts";
import { describeStatus, RankedClient } from "../../game/net/RankedClient.ts";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import { PARTY_ROOM, PartyMode } from "../../shared/party/protocol.ts";
import type { PartyState } from "../../shared/party/schema.ts";
import { RANKED_ROOM } from "../../shared/ranked/protocol.ts";
import type { SeatReservation } from "../../shared/seatReservation.ts";
import { manualQueue, serverPerTest, signedIn } from "../helpers/socialRooms.ts";

const { start, open } = serverPerTest();

/** Resolve with the first value `subscribe` hands over that passes `check`. */
function first<T>(subscribe: (f: (v: T) => void) => void, check: (v: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => subscribe((v) => check(v) && resolve(v)));
}

describe("the menu's social clients", () => {
  it("PartyClient shows who leads and which member is you, and hands each member the leader's seat", async () => {
    const s = await start();
    const lead = await (await signedIn(s, "lead")).sdk.create<PartyState>(PARTY_ROOM, {});
    const friend = await (await signedIn(s, "friend")).sdk.joinById<PartyState>(lead.roomId, {});
    open.push(lead, friend);
    const seats: SeatReservation[] = [];
    const refusals: string[] = [];
    let bothSeated = () => undefined as void;
    const seated = new Promise<void>((resolve) => (bothSeated = resolve));
    const onSeat = (seat: SeatReservation) => {
      seats.push(seat);
      if (seats.length === 2) bothSeated();
    };
    const [leadClient, friendClient] = [lead, friend].map((r) => new PartyClient(r, onSeat, (d) => refusals.push(d), () => undefined));
    const two = (v: PartyView) => v.members.length === 2;
    const [lv, fv] = await Promise.all([first((f) => leadClient!.onChange(f), two), first((f) => friendClient!.onChange(f), two)]);
    expect(lv.isLeader).toBe(true);
    expect(fv.isLeader).toBe(false);
    expect(fv.code).toMatch(/^[A-Z0-9]{5}$/);
    expect(fv.members.map((m) => [m.name, m.leader, m.you, m.connected])).toEqual([
      ["lead", true, false, true],
      ["friend", false, true, true],
    ]);

    friendClient!.play(PartyMode.Arena);
    leadClient!.play(PartyMode.Arena);
    await seated;
    expect(refusals).toEqual(["only the party's leader can start a game"]);
    expect(seats[0]!.roomId).toBe(seats[1]!.roomId);
  });

  it("RankedClient confirms the match and hands on the seat; cancel leaves the queue; a ticket the server ends is reported", async () => {
    const s = await start({ RANKED_CYCLE_MS: "1000", RANKED_WINDOW_START: "3" });
    const q = await manualQueue(CONNECT4_ROOM);
    const join = async (name: string) => (await signedIn(s, name)).sdk.joinOrCreate(RANKED_ROOM, { game: CONNECT4_ROOM });
    const [ra, rb] = [await join("ann"), await join("ben")];
    open.push(ra, rb);
    const matched: SeatReservation[] = [];
    const tickets = [ra, rb].map((r) => new RankedClient(r, () => undefined, (seat) => matched.push(seat)));
    const closed = Promise.all([ra, rb].map((r) => new Promise((resolve) => r.onLeave(resolve))));
    q.cycle();
    await closed; // each confirmed its seat, so the queue closed its ticket
    expect(matched).toHaveLength(2);
    expect(matched[0]!.roomId).toBe(matched[1]!.roomId);
    expect(describeStatus({ queued: 2, waitedSeconds: 0, window: 3, rating: 0, estimatedSeconds: 0 })).toBe(
      "Searching: rating 0.0, opponents within ±3, 2 in the queue; a match any moment (waited 0 s).",
    );
    await tickets[0]!.cancel(); // nothing to leave once matched

    const rc = await join("cat");
    open.push(rc);
    let closedByServer = 0;
    const cat = new RankedClient(rc, () => undefined, () => undefined, () => closedByServer++);
    await cat.cancel();
    expect(q.room.clients.length).toBe(0);
    expect(closedByServer).toBe(0); // a cancel is not the server closing the search

    const rd = await join("dan");
    open.push(rd);
    const ended = new Promise<void>((resolve) => new RankedClient(rd, () => undefined, () => undefined, resolve));
    q.room.clients[0]!.leave(4000, "restarting");
    await ended;
  });
});
