import type { Room } from "@colyseus/sdk";

/** One public room as the Colyseus LobbyRoom lists it (metadata is written by server/kit). */
export interface RoomListing {
  roomId: string;
  name: string;
  clients: number;
  maxClients: number;
  metadata?: { mode?: string; type?: string; players?: number; maxPlayers?: number; spectators?: number; map?: string; bots?: number };
}

/**
 * The live list of public rooms: the lobby sends the whole list on join, then "+" for a
 * new or changed room and "-" for a removed one. Private rooms are never listed.
 */
export class LobbyClient {
  private readonly rooms = new Map<string, RoomListing>();
  private listener: (rooms: RoomListing[]) => void = () => undefined;

  constructor(readonly room: Room) {
    room.onMessage("rooms", (list: RoomListing[]) => {
      this.rooms.clear();
      for (const r of list) this.rooms.set(r.roomId, r);
      this.emit();
    });
    room.onMessage("+", ([id, listing]: [string, RoomListing]) => {
      this.rooms.set(id, listing);
      this.emit();
    });
    room.onMessage("-", (id: string) => {
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
