/**
 * The accounts HTTP interface (docs/protocol.md, "Accounts"): its request bodies as zod
 * schemas the server checks at the boundary, its answers as types the client reads, and the
 * named reasons a token is refused. Shared so the menu and the server agree on one shape.
 */
import { z } from "zod";
import { PlayerName } from "./kit/options.ts";

/** A refresh token: 32 random bytes, base64url (43 characters). Anything else is refused unread. */
export const RefreshTokenText = z.string({ error: "refreshToken must be a string" }).regex(/^[A-Za-z0-9_-]{43}$/, "refreshToken is malformed");

export const GuestRequest = z.strictObject({ name: PlayerName });
export const RefreshRequest = z.strictObject({ refreshToken: RefreshTokenText });
/** PATCH /api/accounts/me: a new display name, checked as a guest's is. */
export const RenameRequest = z.strictObject({ name: PlayerName });

/** A username to sign in with: 3–24 letters, digits, `_` or `-`, compared ignoring case (kept lower-case). */
export const Username = z
  .string({ error: "username must be a string" })
  .trim()
  .min(3, "username must be 3 to 24 characters")
  .max(24, "username must be 3 to 24 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "username may hold only letters, digits, _ and -")
  .transform((u) => u.toLowerCase());

/** 8 to 128 characters; anything longer is refused before it is hashed. */
export const Password = z.string({ error: "password must be a string" }).min(8, "password must be at least 8 characters").max(128, "password must be at most 128 characters");

/** POST /api/auth/claim (with the guest's Bearer token) and POST /api/auth/login. */
export const CredentialsRequest = z.strictObject({ username: Username, password: Password });

export interface AccountSummary {
  id: string;
  name: string;
}

/** The answer to guest and refresh: a short-lived access token, its successor-maker, the account. */
export interface SignIn {
  token: string;
  refreshToken: string;
  /** Seconds the access token is good for; refresh before then. */
  expiresIn: number;
  account: AccountSummary;
}

/** An account's standing in one game: openskill's mu and sigma, the shown rating (mu − 3σ) and its record. */
export interface GameRating {
  rating: number;
  mu: number;
  sigma: number;
  games: number;
  wins: number;
  losses: number;
  draws: number;
  /** Arena kills (0 in Connect Four), deaths, and time spent in rated play (ms). */
  kills: number;
  deaths: number;
  playedMs: number;
}

/** GET /api/accounts/me. */
export interface Profile extends AccountSummary {
  /** Null until the guest claims the account. */
  username: string | null;
  createdAt: string;
  /** By game (e.g. `connect4`); a game never played rated is absent. */
  ratings: Record<string, GameRating>;
  /** The same for the current season only (every season starts fresh). */
  seasonRatings: Record<string, GameRating>;
}

/** Why a token is refused: the `code` of an HTTP 401 body and the message of a refused join. */
export const TokenProblem = {
  /** Not a token this server signed: malformed, tampered with, or another server's. */
  Invalid: "token_invalid",
  Expired: "token_expired",
  /** Its sign-in was logged out, or ended because a used refresh token came back. */
  Revoked: "token_revoked",
  /** A refresh token used a second time: the sign-in it belongs to is now revoked. */
  Replayed: "token_replayed",
  /** The account the token names no longer exists. */
  NoAccount: "account_missing",
} as const;
export type TokenProblem = (typeof TokenProblem)[keyof typeof TokenProblem];

/** An HTTP error body of the accounts routes. */
export interface AuthErrorBody {
  error: string;
  code?: TokenProblem | "invalid_body" | "rate_limited" | "accounts_unavailable" | "wrong_credentials" | "username_taken" | "already_claimed";
}
