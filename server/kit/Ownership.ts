import type { Client } from "colyseus";
import { MoveError, type Seat } from "../../shared/kit/seats.ts";
import { CloseCode, RejectReason } from "../../shared/protocol.ts";
import { log } from "../log.ts";

/** What ownership needs from its room. */
export interface OwnedRoom {
  readonly roomId: string;
  readonly clients: { getById(sessionId: string): Client | undefined };
  readonly seats: ReadonlyMap<string, Seat>;
  /** Each seat's moderation identity (KitRoom.identities). */
  readonly identities: ReadonlyMap<string, string>;
  /** Tell every client who owns the room now (room_info). */
  announceOwner(): void;
}

const KICKED_REASON = "you were removed from the room by its owner";

/**
 * A private room's owner (its creator, then the longest-seated player) and the players the
 * owner removed. Public rooms have no owner: `claim` is only called for private ones.
 */
export class Ownership {
  /** "" while there is no owner (public rooms, or an empty private room). */
  ownerId = "";
  /** Sessions removed by the owner: their seats are not held for reconnection. */
  private readonly kicked = new Set<string>();
  /** Identities removed by the owner, for the room's lifetime: a rejoin under a new session is refused. */
  private readonly removed = new Set<string>();

  constructor(private readonly room: OwnedRoom) {}

  /** The first seat taken in a private room owns it. */
  claim(seatId: string): void {
    if (!this.ownerId) this.ownerId = seatId;
  }

  isOwner(sessionId: string): boolean {
    return this.ownerId !== "" && sessionId === this.ownerId;
  }

  wasKicked(sessionId: string): boolean {
    return this.kicked.has(sessionId);
  }

  /** Why a joiner with this identity may not come back, or undefined. */
  kickOf(identity: string): string | undefined {
    return identity !== "" && this.removed.has(identity) ? KICKED_REASON : undefined;
  }

  /** A seat was freed: forget its removal, and pass ownership on if it was the owner's. */
  left(seat: Seat): void {
    this.kicked.delete(seat.id);
    if (this.ownerId !== seat.id) return;
    const seats = [...this.room.seats.values()];
    this.ownerId = (seats.find((s) => s.role === "player") ?? seats[0])?.id ?? "";
    this.room.announceOwner();
  }

  /** `kick { target }` (already checked by the dispatch): only the owner may remove a player, and never themselves. */
  kick(client: Client, target: string): void {
    if (!this.isOwner(client.sessionId)) throw new MoveError(RejectReason.NotOwner, "only the private room's owner can remove players");
    const victim = this.room.clients.getById(target);
    if (!victim || target === client.sessionId) throw new MoveError(RejectReason.Malformed, "no such player to remove");
    this.kicked.add(target);
    const identity = this.room.identities.get(target) ?? "";
    if (identity !== "") this.removed.add(identity);
    log.info("player kicked", { room: this.room.roomId, session: target, by: client.sessionId });
    victim.leave(CloseCode.Kicked, KICKED_REASON);
  }
}
