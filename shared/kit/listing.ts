/**
 * What a room's entry in the lobby listing carries: written by the server (KitRoom's
 * setMetadata, plus a room type's setListing fields) and read by the client
 * (game/net/LobbyClient.ts) through the same schemas. Colyseus's LobbyRoom sends the list.
 */
import { z } from "zod";
import { defineProtocol } from "../registry.ts";

/** The kit's part of every listing. */
export const KitListing = z.object({
  /** The room type's label, e.g. "Arena". */
  mode: z.string(),
  /** The room type's name, e.g. "arena". */
  type: z.string(),
  players: z.int(),
  maxPlayers: z.int(),
  spectators: z.int(),
  /** Quick play asks for `{ seatOpen: true }` so it never lands anyone in a spectator seat. */
  seatOpen: z.boolean(),
});
export type KitListing = z.infer<typeof KitListing>;

/** A listed room as Colyseus's LobbyRoom sends it, `metadata` being the given schema. */
export function roomListing<M extends z.ZodType>(metadata: M) {
  return z.object({ roomId: z.string(), name: z.string(), clients: z.int(), maxClients: z.int(), metadata: metadata.nullish() });
}

/** The lobby's messages (Colyseus LobbyRoom's): the whole list on join, then "+" and "-". */
export function lobbyProtocol<M extends z.ZodType>(metadata: M) {
  const listing = roomListing(metadata);
  return defineProtocol({
    toServer: {},
    toClient: {
      rooms: z.array(listing),
      "+": z.tuple([z.string(), listing]),
      "-": z.string(),
    },
  });
}
