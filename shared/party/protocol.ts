/**
 * The party's wire protocol: its room name, messages and named refusals. A party is a room
 * (server/party/PartyRoom.ts) that friends join by its code; the leader's "party_play" places
 * every member in one game room. See docs/protocol.md, "Parties", and docs/accounts.md.
 */
import { z } from "zod";
import { defineProtocol } from "../registry.ts";
import { SeatReservation } from "../seatReservation.ts";

/** The matchmaker's room name. */
export const PARTY_ROOM = "party";

/** Default seats of a party (PARTY_MAX_SIZE). */
export const DEFAULT_PARTY_SIZE = 4;

export const PartyMsg = {
  /** client → server, leader only: `{ mode }`, take the whole party to a game. */
  Play: "party_play",
  /** server → client: the seat reserved for this member in the game room; take it at once. */
  Seat: "party_seat",
} as const;

/** Where the leader can take the party. */
export const PartyMode = { Arena: "arena" } as const;

const PLAY = `party_play must be { mode: "${PartyMode.Arena}" }`;
export const PartyPlay = z.object({ mode: z.enum([PartyMode.Arena], { error: PLAY }) }, { error: PLAY });
export type PartyPlay = z.infer<typeof PartyPlay>;

/** A join's refusals (thrown by the party room, so 4xxx close-range codes) and play's (a `rejected` reason). */
export const PartyError = {
  /** Parties take only signed-in accounts (a guest is fine). From the matchmaker: HTTP range. */
  AccountRequired: 451,
  /** Every seat of the party is taken (PARTY_MAX_SIZE). */
  Full: 4412,
  /** This account is already in a party (this one or another): one party per account. */
  AlreadyInParty: 4413,
} as const;

export const PartyReject = {
  /** Only the leader can take the party to a game. */
  NotLeader: "not_party_leader",
  /** The game room could not be found or made (full server, draining): try again. */
  PlayFailed: "party_play_failed",
  /** The leader's previous play is still being placed. */
  Busy: "party_busy",
} as const;


export const partyProtocol = defineProtocol({
  toServer: { [PartyMsg.Play]: PartyPlay },
  toClient: { [PartyMsg.Seat]: SeatReservation },
});
