/**
 * The database's tables as Kysely sees them: one schema for the embedded database (SQLite)
 * and PostgreSQL. Times are milliseconds since the epoch in BIGINT columns (read back as
 * numbers on both), ids are random UUIDs as text, so no column type differs between the two.
 * migrations.ts creates exactly these; a change to one is a new migration and a change here.
 */
import type { Insertable, Selectable } from "kysely";

export interface AccountsTable {
  id: string;
  /** The display name seats take (checked by shared/names.ts). */
  name: string;
  /** Set when a guest claims the account (issue 16's upgrade); lower-cased, unique. */
  username: string | null;
  /** scrypt hash and parameters, `scrypt$N$r$p$salt$hash`; null for a guest. */
  password_hash: string | null;
  created_at: number;
}

/**
 * One row per refresh token ever issued. Only its SHA-256 is kept (the token is 256 random
 * bits, so a fast hash is enough). `session_id` names the chain of rotations a sign-in
 * started: access tokens carry it, and revoking it (logout, or a rotated token replayed)
 * ends every token of that sign-in at once.
 */
export interface RefreshTokensTable {
  token_hash: string;
  account_id: string;
  session_id: string;
  created_at: number;
  expires_at: number;
  /** Set when the token was rotated (used once) or its session was logged out. */
  used_at: number | null;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  created_at: number;
  revoked_at: number | null;
}

/** An account's rating in one game (openskill's mu and sigma) and its record there. */
export interface RatingsTable {
  account_id: string;
  game: string;
  mu: number;
  sigma: number;
  games: number;
  wins: number;
  losses: number;
  draws: number;
  /** Arena kills (0 in Connect Four), deaths, and ms spent in rated play (003). */
  kills: number;
  deaths: number;
  played_ms: number;
  updated_at: number;
}

/** The same standing within one season (seasons.ts numbers them): every season starts everyone fresh. */
export interface SeasonRatingsTable extends RatingsTable {
  season: number;
}

/** One row per rated match, keyed by the match id the room gave it: a second write is a no-op. */
export interface MatchesTable {
  id: string;
  game: string;
  played_at: number;
  /** 0 for an unrated room's match (history only, no rating or stats change); 1 otherwise. */
  rated: number;
  /** The replay that holds this match (/replay/<id>), or null when none was recorded. */
  replay_id: string | null;
}

export interface MatchPlayersTable {
  match_id: string;
  seat: number;
  account_id: string | null;
  result: "win" | "loss" | "draw";
  /** The displayed rating (openskill's ordinal) before and after this match. */
  rating_before: number;
  rating_after: number;
  kills: number;
  deaths: number;
  played_ms: number;
}

/** One account hiding another's chat lines in every room (issue 16's blocks). */
export interface BlocksTable {
  account_id: string;
  blocked_id: string;
  created_at: number;
}

/** A host's ban of an account, an address, or both; in force while now < ends_at and not lifted. */
export interface BansTable {
  id: string;
  account_id: string | null;
  address: string | null;
  reason: string;
  created_at: number;
  ends_at: number;
  lifted_at: number | null;
}

export interface Database {
  accounts: AccountsTable;
  refresh_tokens: RefreshTokensTable;
  sessions: SessionsTable;
  ratings: RatingsTable;
  season_ratings: SeasonRatingsTable;
  matches: MatchesTable;
  match_players: MatchPlayersTable;
  blocks: BlocksTable;
  bans: BansTable;
  replays: ReplaysTable;
}

/** A stored replay's metadata (005; replayIndex.ts): players and result as JSON text, truncated as 0/1. */
export interface ReplaysTable {
  match_id: string;
  room_type: string;
  rules_version: number;
  players: string;
  started_at: number;
  duration_ms: number;
  truncated: number;
  result: string;
  bytes: number;
}

export type AccountRow = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
