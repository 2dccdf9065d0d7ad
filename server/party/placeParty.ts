/**
 * Where a party goes when its leader presses play: one game room with a free player seat for
 * every member (the fullest such public room, as quick play picks), or a new one. Every
 * member's seat is reserved at once, carrying the member's verified account (the party's
 * auth), so the game room seats them as their accounts without asking again. Works across a
 * cluster: the query and the reservation go through the matchmaker's driver and presence.
 */
import { matchMaker, type IRoomCache } from "colyseus";
import { KitListing } from "../../shared/kit/listing.ts";
import type { SeatReservation } from "../../shared/seatReservation.ts";

export interface Placed {
  sessionId: string;
  auth: unknown;
}

/** Free player seats of a listed room (0 when its listing is not the kit's). */
function freeSeats(room: IRoomCache): number {
  const listing = KitListing.safeParse(room.metadata);
  return listing.success ? listing.data.maxPlayers - listing.data.players : 0;
}

/** Reserve a seat for each member in one room of `game`; returns each member's reservation. */
export async function placeParty(game: string, members: readonly Placed[]): Promise<Map<string, SeatReservation>> {
  const open = await matchMaker.query({ name: game, private: false, locked: false });
  const fits = open.filter((r) => freeSeats(r) >= members.length && r.maxClients - r.clients >= members.length).sort((a, b) => b.clients - a.clients);
  const room = fits[0] ?? (await matchMaker.createRoom(game, {}));
  await matchMaker.reserveMultipleSeatsFor(
    room,
    members.map((m) => ({ sessionId: m.sessionId, options: {}, auth: m.auth })),
  );
  return new Map(members.map((m) => [m.sessionId, matchMaker.buildSeatReservation(room, m.sessionId)]));
}
