/**
 * The ranked queue (server/ranked): Colyseus's QueueRoom matching by the accounts' stored
 * ratings, the closest first, within a window that widens with the wait. The test drives the
 * matching passes itself (RANKED_CYCLE_MS is the time one pass stands for), never the clock.
 */
import type { Room } from "@colyseus/sdk";
import { matchMaker } from "colyseus";
import { describe, expect, it } from "vitest";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import { JoinError, Msg, RejectReason, RoomName, type RejectedMessage } from "../../shared/protocol.ts";
import { QueueError, QueueMsg, RANKED_ROOM, type QueueStatus } from "../../shared/ranked/protocol.ts";
import type { SeatReservation } from "../../shared/seatReservation.ts";
import type { KitRoom } from "../../server/kit/KitRoom.ts";
import { CRASHY_ROOM, crashyRoomType } from "../helpers/crashyRoomType.ts";
import { Inbox } from "../helpers/inbox.ts";
import { dropSocket, manualQueue, serverLeft, serverPerTest, signedIn } from "../helpers/socialRooms.ts";
import type { TestServer } from "../helpers/testServer.ts";

// One pass stands for a second; a fresh ticket accepts 2 rating points, one more per second, at most 20.
const WINDOW = { RANKED_CYCLE_MS: "1000", RANKED_WINDOW_START: "2", RANKED_WINDOW_WIDEN_PER_SECOND: "1", RANKED_WINDOW_MAX: "20" };

const { start, open } = serverPerTest();

/** Give `accountId` `wins` rated wins (or losses, negative) over fresh accounts, straight through the store. */
async function rate(s: TestServer, accountId: string, wins: number, game = CONNECT4_ROOM): Promise<number> {
  for (let i = 0; i < Math.abs(wins); i++) {
    const other = (await s.accounts.guest(`foil ${i}`)).account.id;
    await s.accounts.ratings.recordMatch({ matchId: `setup-${accountId}-${i}`, game, players: [{ accountId, place: wins > 0 ? 1 : 2 }, { accountId: other, place: wins > 0 ? 2 : 1 }] });
  }
  return (await s.accounts.ratings.ratingsOf(accountId))[game]?.rating ?? 0;
}

interface Ticket {
  room: Room;
  seats: Inbox<SeatReservation>;
  status: Inbox<QueueStatus>;
  accountId: string;
}

async function queue(s: TestServer, name: string, wins = 0, game = CONNECT4_ROOM): Promise<Ticket> {
  const { sdk, accountId } = await signedIn(s, name);
  if (wins) await rate(s, accountId, wins, game);
  const room = await sdk.joinOrCreate(RANKED_ROOM, { game });
  open.push(room);
  room.onMessage(QueueMsg.Clients, () => undefined);
  return { room, seats: new Inbox(room, QueueMsg.Seat), status: new Inbox(room, QueueMsg.Status), accountId };
}

describe("the ranked queue", () => {
  it("matches the closest ratings once the widening window reaches them, and leaves the far one waiting", async () => {
    const s = await start(WINDOW);
    const q = await manualQueue(CONNECT4_ROOM);
    const a = await queue(s, "ann"); // rating 0 (fresh)
    const b = await queue(s, "ben", 1); // one win: about 3.4
    const c = await queue(s, "cat", 6); // six wins: about 15
    const first = await a.status.find(() => true);
    expect(first).toMatchObject({ rating: 0, waitedSeconds: 0, window: 2 });

    q.cycle(); // a second waited: window 3, and ann–ben are 3.4 apart
    await Promise.all([a, b, c].map((t) => t.status.until((items) => items.length >= 2)));
    expect(a.seats.items).toHaveLength(0);
    const waiting = a.status.items.at(-1)!;
    expect(waiting).toMatchObject({ queued: 3, waitedSeconds: 1, window: 3 });
    // ben is 3.4 away: the window gets there in under a second more.
    expect(waiting.estimatedSeconds).toBeGreaterThan(0);
    expect(waiting.estimatedSeconds).toBeLessThan(1);

    q.cycle(); // two seconds: window 4 takes ann–ben; cat (11.5 from ben) waits
    const [seatA, seatB] = await Promise.all([a.seats.find(() => true), b.seats.find(() => true)]);
    expect(seatA.roomId).toBe(seatB.roomId);
    expect(seatA.name).toBe(CONNECT4_ROOM);
    await c.status.until((items) => items.some((st) => st.queued === 1));
    expect(c.seats.items).toHaveLength(0);

    // The pair takes its seats: one private (unlisted) Connect Four room, both seated as their accounts.
    const sdk = s.client();
    a.room.send(QueueMsg.Confirm);
    b.room.send(QueueMsg.Confirm);
    const [ra, rb] = await Promise.all([sdk.consumeSeatReservation(seatA as never), sdk.consumeSeatReservation(seatB as never)]);
    open.push(ra, rb);
    const match = s.serverRoom<KitRoom<never, never, unknown, unknown>>(ra.roomId);
    expect([...match.accounts.values()].map((x) => x.id).sort()).toEqual([a.accountId, b.accountId].sort());
    expect((await matchMaker.getRoomById(ra.roomId))?.private).toBe(true);
  });

  it("matches an arena group by its average rating, with RANKED_ARENA_PLAYERS seats", async () => {
    const s = await start({ ...WINDOW, RANKED_ARENA_PLAYERS: "3" });
    const q = await manualQueue(RoomName.Arena);
    const [a, b] = [await queue(s, "ann", 0, RoomName.Arena), await queue(s, "ben", 0, RoomName.Arena)];
    const c = await queue(s, "cat", 1, RoomName.Arena); // about 3.4 from the pair's average of 0
    const d = await queue(s, "dan", 6, RoomName.Arena); // about 15
    q.cycle(); // window 3: ann and ben group, cat is outside their average
    await c.status.until((items) => items.length >= 2);
    expect(a.seats.items).toHaveLength(0);
    q.cycle(); // window 4: cat joins, three make a match
    const seats = await Promise.all([a, b, c].map((t) => t.seats.find(() => true)));
    expect(new Set(seats.map((x) => x.roomId)).size).toBe(1);
    expect(seats[0]!.name).toBe(RoomName.Arena);
    expect(d.seats.items).toHaveLength(0);
    const match = s.serverRoom<KitRoom<never, { maxPlayers: number }, unknown, unknown>>(seats[0]!.roomId);
    expect(match.options.maxPlayers).toBe(3);
  });

  it("widens to RANKED_WINDOW_MAX and no further", async () => {
    const s = await start({ ...WINDOW, RANKED_WINDOW_MAX: "5" });
    const q = await manualQueue(CONNECT4_ROOM);
    const a = await queue(s, "ann");
    const c = await queue(s, "cat", 6);
    q.cycle(30);
    await a.status.until((items) => items.some((st) => st.waitedSeconds === 30));
    expect(a.status.items.at(-1)).toMatchObject({ window: 5, estimatedSeconds: null });
    expect(a.seats.items).toHaveLength(0);
    expect(c.seats.items).toHaveLength(0);
  });

  it("cancels a ticket at once when its player leaves or disconnects", async () => {
    const s = await start(WINDOW);
    const q = await manualQueue(CONNECT4_ROOM);
    const gone = await queue(s, "gone");
    await gone.room.leave(true);
    const dropped = await queue(s, "drop");
    const left = serverLeft(q.room, dropped.room.sessionId);
    dropSocket(q.room, dropped.room);
    await left;
    const stays = await queue(s, "stay");
    q.cycle(5); // a window of 7: anyone still queued at rating 0 would be matched
    await stays.status.until((items) => items.some((st) => st.waitedSeconds === 5));
    expect(stays.status.items.at(-1)!.queued).toBe(1);
    expect(stays.seats.items).toHaveLength(0);
    expect(q.room.clients.length).toBe(1);
  });

  it("refuses, by name, a game that does not exist, one without a ranked queue, no account, a second ticket and bad options", async () => {
    const s = await start(WINDOW, 0, [crashyRoomType]);
    const { sdk } = await signedIn(s, "ann");
    await expect(sdk.joinOrCreate(RANKED_ROOM, { game: "tetris" })).rejects.toMatchObject({ code: QueueError.UnknownGame, message: expect.stringMatching(/no game "tetris"/) });
    await expect(sdk.joinOrCreate(RANKED_ROOM, { game: CRASHY_ROOM })).rejects.toMatchObject({ code: QueueError.NotRanked, message: expect.stringMatching(/no ranked queue/) });
    await expect(s.client().joinOrCreate(RANKED_ROOM, { game: CONNECT4_ROOM })).rejects.toMatchObject({ code: QueueError.AccountRequired });
    await expect(sdk.joinOrCreate(RANKED_ROOM, { game: 7 })).rejects.toMatchObject({ code: JoinError.InvalidOptions, message: expect.stringMatching(/game must be/) });
    await expect(sdk.joinOrCreate(RANKED_ROOM, { game: CONNECT4_ROOM, rank: 9000 })).rejects.toMatchObject({ code: JoinError.InvalidOptions });
    // Nothing above made a queue.
    expect(await matchMaker.query({ name: RANKED_ROOM })).toHaveLength(0);

    const first = await sdk.joinOrCreate(RANKED_ROOM, { game: CONNECT4_ROOM });
    open.push(first);
    await expect(sdk.joinOrCreate(RANKED_ROOM, { game: CONNECT4_ROOM })).rejects.toMatchObject({ code: QueueError.AlreadyQueued });
    const queueRoom = s.serverRoom<{ clients: unknown[] }>(first.roomId);
    expect(queueRoom.clients).toHaveLength(1);
    // Not in the lobby's list of rooms (it lists private: false, unlisted: false).
    expect(await matchMaker.query({ name: RANKED_ROOM, unlisted: false })).toHaveLength(0);
    // Once the first ticket is given up, the account may queue again.
    await first.leave(true);
    const again = await sdk.joinOrCreate(RANKED_ROOM, { game: CONNECT4_ROOM });
    open.push(again);
    expect(again.roomId).toBe(first.roomId);
  });

  it("refuses messages that fail their schema, and unknown ones, by name", async () => {
    const s = await start(WINDOW);
    const a = await queue(s, "ann");
    const rejected = new Inbox<RejectedMessage>(a.room, Msg.Rejected);
    a.room.send(QueueMsg.Confirm, { seat: "someone else's" });
    a.room.send("jump_queue", {});
    await rejected.until((items) => items.length >= 2);
    expect(rejected.items.map((r) => r.reason)).toEqual([RejectReason.Malformed, RejectReason.UnknownType]);
    expect(a.room.connection.isOpen).toBe(true);
  });
});
