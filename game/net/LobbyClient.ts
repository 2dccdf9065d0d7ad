import type { Room } from "@colyseus/sdk";
import type { z } from "zod";
import { ArenaListing } from "../../shared/arena/protocol.ts";
import { Connect4Listing } from "../../shared/connect4/protocol.ts";
import { KitListing, lobbyProtocol } from "../../shared/kit/listing.ts";
import { TypedMessages } from "./messages.ts";

/**
 * A listing's metadata as server/kit writes it: the kit's fields and any room type's
 * (a field a room type does not set is absent, so each is optional here).
 */
const ListingMetadata = KitListing.partial().extend(ArenaListing.partial().shape).extend(Connect4Listing.partial().shape);
const lobby = lobbyProtocol(ListingMetadata);

/** One public room as the Colyseus LobbyRoom lists it. */
export type RoomListing = z.infer<typeof lobby.toClient.rooms>[number];

/**
 * The live list of public rooms: the lobby sends the whole list on join, then "+" for a
 * new or changed room and "-" for a removed one. Private rooms are never listed.
 */
export class LobbyClient {
  private readonly rooms = new Map<string, RoomListing>();
  private listener: (rooms: RoomListing[]) => void = () => undefined;

  constructor(readonly room: Room) {
    const net = new TypedMessages<typeof lobby.toServer, typeof lobby.toClient>(room, lobby.toClient);
    net.on("rooms", (list) => {
      this.rooms.clear();
      for (const r of list) this.rooms.set(r.roomId, r);
      this.emit();
    });
    net.on("+", ([id, listing]) => {
      this.rooms.set(id, listing);
      this.emit();
    });
    net.on("-", (id) => {
      this.rooms.delete(id);
      this.emit();
    });
  }

  onChange(listener: (rooms: RoomListing[]) => void): void {
    this.listener = listener;
    this.emit();
  }

  close(): void {
    void this.room.leave().catch(() => undefined);
  }

  private emit(): void {
    this.listener([...this.rooms.values()]);
  }
}

/** Whether a listed room has a seat for one more player (or spectator). */
export function hasSeat(r: RoomListing): boolean {
  return r.clients < r.maxClients;
}
