/**
 * The ways into the social rooms: a party (created, or joined by its code) and the ranked
 * queue, each as the player's account, and the seat either of them reserves in a game room.
 */
import { Client, type Room } from "@colyseus/sdk";
import { PARTY_ROOM } from "../../shared/party/protocol.ts";
import type { PartyState } from "../../shared/party/schema.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";
import { RANKED_ROOM } from "../../shared/ranked/protocol.ts";
import type { SeatReservation } from "../../shared/seatReservation.ts";
import { attempt, JoinFailure, lookupCode, serverUrl, signedIn } from "./connect.ts";

export const createParty = (name: string): Promise<Room<PartyState>> => attempt(async () => (await signedIn(name)).create<PartyState>(PARTY_ROOM, { protocol: PROTOCOL_VERSION })) as Promise<Room<PartyState>>;

/** A party by its code (a game room's code is refused here: it names no party). */
export async function joinParty(code: string, name: string): Promise<Room<PartyState>> {
  const found = await lookupCode(code);
  if (found.type !== PARTY_ROOM) throw new JoinFailure("that code is a game room's, not a party's: use Join with code");
  return attempt(async () => (await signedIn(name)).joinById<PartyState>(found.roomId, { protocol: PROTOCOL_VERSION })) as Promise<Room<PartyState>>;
}

/** A ticket in `game`'s ranked queue. */
export const joinRanked = (game: string, name: string): Promise<Room> => attempt(async () => (await signedIn(name)).joinOrCreate(RANKED_ROOM, { game, protocol: PROTOCOL_VERSION }));

/** Take a seat the party or the queue reserved (it already carries the account). */
export const takeSeat = (seat: SeatReservation): Promise<Room> => attempt(() => new Client(serverUrl()).consumeSeatReservation(seat as Parameters<Client["consumeSeatReservation"]>[0]));
