/**
 * The ranked queue's wire protocol: its room name, join options, messages and named refusals.
 * The queue is Colyseus 0.18's QueueRoom (server/ranked/RankedQueueRoom.ts); its own messages
 * ("clients", "seat", "confirm") keep their names, and "queue_status" adds the wait estimate.
 * See docs/protocol.md, "Ranked queue", and docs/accounts.md, "Ranked queue".
 */
import { z } from "zod";
import { defineProtocol, Empty } from "../registry.ts";
import { SeatReservation } from "../seatReservation.ts";
import { CONNECT4_ROOM } from "../connect4/protocol.ts";
import { RoomName } from "../protocol.ts";

/** The matchmaker's room name: one queue room per game (filtered by the `game` option). */
export const RANKED_ROOM = "ranked";

/**
 * Room types with a ranked queue, and how many players one match takes by default: Connect
 * Four 1v1, the arena a free-for-all of four matched by their average rating
 * (RANKED_ARENA_PLAYERS changes it).
 */
export const RANKED_GAMES: Readonly<Record<string, { players: number }>> = { [CONNECT4_ROOM]: { players: 2 }, [RoomName.Arena]: { players: 4 } };

export const QueueMsg = {
  /** server → client: how many players share the client's forming group (QueueRoom's own). */
  Clients: "clients",
  /** server → client: the seat reserved in the match room; the client answers Confirm, then takes it. */
  Seat: "seat",
  /** client → server: "I have my seat": the server then closes the queue connection. No payload. */
  Confirm: "confirm",
  /** server → client, every cycle: the queue's size, the client's window and the estimated wait. */
  Status: "queue_status",
} as const;

/**
 * Refusals of a queue join. The first three come from the matchmaker (the queue's onAuth), so
 * they travel as HTTP-range codes; a second ticket of one account is refused by the queue room.
 */
export const QueueError = {
  /** The queue takes only signed-in accounts (a guest is fine): the rating comes from the account. */
  AccountRequired: 451,
  /** `game` names no room type of this server. */
  UnknownGame: 452,
  /** `game` is a room type without a ranked queue. */
  NotRanked: 453,
  /** This account already has a ticket in this queue (another tab). */
  AlreadyQueued: 4411,
} as const;

const GAME = "game must be a room type name";
/** The queue's join options: which game's queue, and the client's protocol version. */
export const QueueJoinOptions = z.strictObject({
  game: z.string({ error: GAME }).min(1, GAME).max(32, GAME),
  protocol: z.int().optional(),
});
export type QueueJoinOptions = z.input<typeof QueueJoinOptions>;

/** What a queued player is shown. */
export const QueueStatus = z.object({
  /** Players waiting in this game's queue. */
  queued: z.int(),
  /** Seconds this ticket has waited. */
  waitedSeconds: z.number(),
  /** The rating distance this ticket now accepts (it widens with the wait). */
  window: z.number(),
  /** The player's rating, as the queue matches on it. */
  rating: z.number(),
  /** Seconds until a match is expected, or null when no estimate can be made yet. */
  estimatedSeconds: z.number().nullable(),
});
export type QueueStatus = z.infer<typeof QueueStatus>;

export const rankedProtocol = defineProtocol({
  toServer: { [QueueMsg.Confirm]: Empty },
  toClient: { [QueueMsg.Clients]: z.int(), [QueueMsg.Seat]: SeatReservation, [QueueMsg.Status]: QueueStatus },
});
