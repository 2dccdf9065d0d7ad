/**
 * Accounts as the server uses them: sign in as a guest, refresh, log out, and check an
 * access token (routes and the rooms' auth hook both call `authenticate`). It owns the
 * database handle and the signing key; everything persistent goes through AccountStore.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { TokenProblem, type SignIn } from "../../shared/auth.ts";
import { AccountStore, type Account, type RefreshRecord } from "../store/accountStore.ts";
import { ModerationStore } from "../store/moderationStore.ts";
import { RatingStore } from "../store/ratingStore.ts";
import { LeaderboardStore } from "../store/leaderboardStore.ts";
import { MatchHistory } from "../store/matchHistory.ts";
import { ReplayIndex } from "../store/replayIndex.ts";
import { openDatabase, type DatabaseKind, type DatabaseTarget } from "../store/openDatabase.ts";
import type { Database } from "../store/schema.ts";
import type { SeasonSettings } from "../../shared/seasons.ts";
import { ACCESS_TOKEN_SECONDS, AccessTokens, TokenError } from "./accessTokens.ts";
import { decoyHash, hashPassword, passwordMatches } from "./passwords.ts";
import { signingKey } from "./signingKey.ts";

/** A refresh token is good for 30 days, and each use gives a new one. */
export const REFRESH_TOKEN_DAYS = 30;

const sha256 = (token: string): string => createHash("sha256").update(token).digest("base64url");

export interface AccountsOptions extends DatabaseTarget {
  /** AUTH_SECRET; unset: the key file in dataDir. */
  secret?: string;
  now?: () => number;
  /** SEASON_EPOCH and SEASON_LENGTH_DAYS; unset: weekly from shared/seasons.ts's epoch. */
  seasons?: SeasonSettings;
}

/** A verified access token's account and sign-in. */
export interface Authenticated {
  account: Account;
  sessionId: string;
}

export class Accounts {
  readonly store: AccountStore;
  /** Rated match results and ratings per game. */
  readonly ratings: RatingStore;
  /** Leaderboards per game and season, and each account's match history (read only). */
  readonly boards: LeaderboardStore;
  readonly history: MatchHistory;
  /** Blocks, bans and account deletion (issue 16's moderation). */
  readonly moderation: ModerationStore;
  /** Stored replays' metadata (005_replays), for ReplayStore. */
  readonly replays: ReplayIndex;
  private readonly tokens: AccessTokens;

  private constructor(
    private readonly db: Kysely<Database>,
    readonly kind: DatabaseKind,
    key: Uint8Array,
    private readonly now: () => number,
    seasons: SeasonSettings | undefined,
  ) {
    this.store = new AccountStore(db, now);
    this.ratings = new RatingStore(db, kind, now, seasons);
    this.boards = new LeaderboardStore(db);
    this.history = new MatchHistory(db);
    this.moderation = new ModerationStore(db, now);
    this.replays = new ReplayIndex(db);
    this.tokens = new AccessTokens(key, now);
  }

  /** Open the database (running its migrations) and the signing key. */
  static async open(o: AccountsOptions): Promise<Accounts> {
    const key = signingKey(o.secret, o.dataDir);
    const { db, kind } = await openDatabase(o);
    return new Accounts(db, kind, key, o.now ?? Date.now, o.seasons);
  }

  async guest(name: string): Promise<SignIn> {
    const refresh = this.newRefresh();
    const { account, sessionId } = await this.store.createGuest(name, refresh.record);
    return this.signIn(account, sessionId, refresh.token);
  }

  /** Trade a refresh token for a new access token and a new refresh token; the old one is spent. */
  async refresh(refreshToken: string): Promise<SignIn> {
    const next = this.newRefresh();
    const r = await this.store.rotate(sha256(refreshToken), next.record);
    if (!r.ok) throw refreshError(r.reason);
    const account = await this.store.account(r.accountId);
    if (!account) throw new TokenError(TokenProblem.NoAccount, "the account of this token no longer exists");
    return this.signIn(account, r.sessionId, next.token);
  }

  /** Give the guest `accountId` a username and password, so it can sign in from another browser. */
  async claim(accountId: string, username: string, password: string): Promise<"ok" | "taken" | "claimed"> {
    return this.store.claim(accountId, username, await hashPassword(password));
  }

  /** A new sign-in for a claimed account, or undefined for a wrong username or password (which take equally long). */
  async login(username: string, password: string): Promise<SignIn | undefined> {
    const found = await this.store.byUsername(username);
    const matches = await passwordMatches(password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !matches) return undefined;
    const refresh = this.newRefresh();
    const sessionId = await this.store.startSession(found.account.id, refresh.record);
    return this.signIn(found.account, sessionId, refresh.token);
  }

  /** End the sign-in of `refreshToken` (and every access token it gave). False when unknown. */
  logout(refreshToken: string): Promise<boolean> {
    return this.store.revokeByRefresh(sha256(refreshToken));
  }

  /** The account of a live access token, or a TokenError naming why not. */
  async authenticate(token: string): Promise<Authenticated> {
    const claims = await this.tokens.verify(token);
    // Logout must stop a still-unexpired access token too: one indexed read per join or /me, never per tick.
    if (!(await this.store.sessionLive(claims.sessionId, claims.accountId))) throw new TokenError(TokenProblem.Revoked, "this sign-in was logged out; sign in again");
    const account = await this.store.account(claims.accountId);
    if (!account) throw new TokenError(TokenProblem.NoAccount, "the account of this token no longer exists");
    return { account, sessionId: claims.sessionId };
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  private newRefresh(): { token: string; record: RefreshRecord } {
    const token = randomBytes(32).toString("base64url");
    return { token, record: { tokenHash: sha256(token), expiresAt: this.now() + REFRESH_TOKEN_DAYS * 86_400_000 } };
  }

  private async signIn(account: Account, sessionId: string, refreshToken: string): Promise<SignIn> {
    const token = await this.tokens.sign({ accountId: account.id, sessionId });
    return { token, refreshToken, expiresIn: ACCESS_TOKEN_SECONDS, account: { id: account.id, name: account.name } };
  }
}

function refreshError(reason: "unknown" | "expired" | "revoked" | "replayed"): TokenError {
  switch (reason) {
    case "unknown":
      return new TokenError(TokenProblem.Invalid, "the refresh token is not one this server issued");
    case "expired":
      return new TokenError(TokenProblem.Expired, "the refresh token has expired; sign in again");
    case "revoked":
      return new TokenError(TokenProblem.Revoked, "this sign-in was logged out; sign in again");
    case "replayed":
      return new TokenError(TokenProblem.Replayed, "this refresh token was already used, so its sign-in is now closed; sign in again");
  }
}
