/**
 * One party per account, across every process: account id → party room id, on Colyseus
 * presence (memory for one process, Redis for a cluster), as the private-room codes are.
 * A claim naming a room that no longer exists (its process died) is taken over.
 * Not atomic across processes: two joins of one account to two parties within the same
 * instant could both pass; a party is a social grouping, not a seat, so that is tolerated.
 */
import { matchMaker } from "colyseus";

const KEY = "skirmish:party-of";

/** Claim `accountId` for `roomId`; false when the account is in another live party. */
export async function claimParty(accountId: string, roomId: string): Promise<boolean> {
  const held = await matchMaker.presence.hget(KEY, accountId);
  if (held && held !== roomId && (await matchMaker.getRoomById(held))) return false;
  await matchMaker.presence.hset(KEY, accountId, roomId);
  return true;
}

/** Give the claim back (only if it is still this room's). */
export async function releaseParty(accountId: string, roomId: string): Promise<void> {
  if ((await matchMaker.presence.hget(KEY, accountId)) === roomId) await matchMaker.presence.hdel(KEY, accountId);
}
