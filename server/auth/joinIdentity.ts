/**
 * Who a joining client is, for the rooms' auth hook (KitRoom's static onAuth): with an access
 * token (the SDK's `client.auth.token`, sent as `Authorization: Bearer`), the verified
 * account, whose name the seat takes and whose id kicks and mutes stick to; without one, an
 * anonymous seat (bots, load clients) held against the client's address. A token that fails
 * is refused with a named JoinError; it never falls back to anonymous.
 */
import { ServerError } from "colyseus";
import { TokenProblem } from "../../shared/auth.ts";
import { JoinError } from "../../shared/protocol.ts";
import { log } from "../log.ts";
import { TokenError } from "./accessTokens.ts";
import type { Accounts } from "./Accounts.ts";
import type { ModerationReader } from "../moderation/joinModeration.ts";

/** The signed-in account behind a seat. */
export interface SeatAccount {
  id: string;
  name: string;
  /** The sign-in the token came from: a reconnect checks it is still live. */
  sessionId: string;
  /** The accounts this one blocks (their chat is hidden from it), read at join. */
  blocked?: readonly string[];
}

/** What the rooms need of accounts (an Accounts, or nothing when the host runs none). */
export type AccountVerifier = Pick<Accounts, "authenticate"> & { store: Pick<Accounts["store"], "sessionLive">; moderation?: ModerationReader };

const JOIN_ERROR: Record<TokenProblem, number> = {
  [TokenProblem.Invalid]: JoinError.TokenInvalid,
  [TokenProblem.Expired]: JoinError.TokenExpired,
  [TokenProblem.Revoked]: JoinError.TokenRevoked,
  [TokenProblem.Replayed]: JoinError.TokenRevoked,
  [TokenProblem.NoAccount]: JoinError.AccountMissing,
};

/** The moderation identity of a signed-in seat. */
export const accountIdentity = (accountId: string): string => `account:${accountId}`;

/** The account of `token`, undefined for an anonymous join, or a ServerError naming the refusal. */
export async function joiningAccount(accounts: AccountVerifier | undefined, token: string | undefined): Promise<SeatAccount | undefined> {
  if (!token) return undefined;
  if (!accounts) throw new ServerError(JoinError.TokenInvalid, "this server has no accounts; join without a token");
  try {
    const { account, sessionId } = await accounts.authenticate(token);
    return { id: account.id, name: account.name, sessionId };
  } catch (e) {
    if (e instanceof TokenError) throw new ServerError(JOIN_ERROR[e.problem], e.message);
    log.error("join could not check its token", { error: e instanceof Error ? e.message : String(e) });
    throw new ServerError(JoinError.AccountsUnavailable, "accounts are unavailable right now; try again shortly");
  }
}
