/**
 * Moderation at the door: a join (any room, the lobby too, and so every matchmaking request)
 * is refused with JoinError.Banned while a ban holds against its account or its address, and a
 * signed-in seat starts with the list of accounts it blocks (its chat filter). A reconnect,
 * which has no auth hook, asks `banAgainst` itself (KitRoom.onReconnect).
 */
import { ServerError } from "colyseus";
import { JoinError } from "../../shared/protocol.ts";
import { banText } from "../../shared/moderation.ts";
import { log } from "../log.ts";
import type { Ban, ModerationStore } from "../store/moderationStore.ts";

/** What rooms need of the moderation store: bans and blocks at join, blocks written from chat. */
export type ModerationReader = Pick<ModerationStore, "banOf" | "blockedIds" | "block" | "unblock">;

/** The text a banned player reads (shared/moderation.ts's banText). */
export const banMessage = (ban: Pick<Ban, "endsAt" | "reason">): string => banText(new Date(ban.endsAt).toISOString(), ban.reason);

/**
 * The ban in force against this seat, if any. A database that does not answer refuses a
 * signed-in join (its token could not be checked either) but lets an anonymous one through:
 * bots and load clients keep playing while the database is away.
 */
export async function banAgainst(m: ModerationReader | undefined, accountId: string | undefined, address: string): Promise<Ban | undefined> {
  if (!m) return undefined;
  try {
    return await m.banOf({ accountId, address: address || undefined });
  } catch (e) {
    log.warn("join could not check bans", { error: e instanceof Error ? e.message : String(e) });
    if (accountId) throw new ServerError(JoinError.AccountsUnavailable, "accounts are unavailable right now; try again shortly");
    return undefined;
  }
}

/** Refuse the join when a ban holds; else the accounts this seat blocks (none for an anonymous seat). */
export async function admitModerated(m: ModerationReader | undefined, accountId: string | undefined, address: string): Promise<string[]> {
  const ban = await banAgainst(m, accountId, address);
  if (ban) {
    log.info("banned join refused", { ban: ban.id });
    throw new ServerError(JoinError.Banned, banMessage(ban));
  }
  if (!m || !accountId) return [];
  try {
    return await m.blockedIds(accountId);
  } catch (e) {
    throw new ServerError(JoinError.AccountsUnavailable, "accounts are unavailable right now; try again shortly");
  }
}
