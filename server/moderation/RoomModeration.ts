/**
 * What a live room does with a moderation event (liveModeration.ts): a ban closes the seats of
 * the banned account or address with CloseCode.Banned (not held for a reconnect), a deleted
 * account's seats close as signed out, and a block changes whose chat its blocker hears.
 * Game rooms (KitRoom) and the lobby share it.
 */
import type { Client } from "colyseus";
import { CloseCode } from "../../shared/protocol.ts";
import type { SeatAccount } from "../auth/joinIdentity.ts";
import { log } from "../log.ts";
import type { ModerationEvent } from "./liveModeration.ts";

/** Who sits in a seat, as moderation sees them: the address the join came from, and the account. */
export interface SeatModeration {
  address: string;
  account?: SeatAccount;
}

/** A ban reaches this seat when it names its account or its address. */
export function banReaches(event: { accountId: string | null; address: string | null }, seat: SeatModeration): boolean {
  return (event.accountId !== null && seat.account?.id === event.accountId) || (event.address !== null && event.address !== "" && seat.address === event.address);
}

export function moderateSeats(event: ModerationEvent, clients: Iterable<Client>, seats: ReadonlyMap<string, SeatModeration>, chat: { blockChanged(a: string, b: string, on: boolean): void }): void {
  if (event.kind === "block") return chat.blockChanged(event.accountId, event.blockedId, event.on);
  for (const client of [...clients]) {
    const seat = seats.get(client.sessionId);
    if (!seat) continue;
    if (event.kind === "ban" && banReaches(event, seat)) {
      log.info("banned seat closed", { session: client.sessionId });
      client.leave(CloseCode.Banned, event.text);
    } else if (event.kind === "deleted" && seat.account?.id === event.accountId) {
      client.leave(CloseCode.SignInRevoked, "this account was deleted");
    }
  }
}
