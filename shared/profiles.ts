/**
 * The profile, history and leaderboard HTTP interface (docs/protocol.md, "Profiles and
 * leaderboards"): its queries as zod schemas the server checks at the boundary, its answers
 * as types the client reads.
 */
import { z } from "zod";
import type { Season } from "./seasons.ts";

/** GET /api/accounts/me/matches?before=<cursor>&limit=<n>. */
export const HistoryQuery = z.strictObject({
  before: z.string({ error: "before must be a cursor from a previous page's next" }).regex(/^[A-Za-z0-9_-]{1,400}$/, "before must be a cursor from a previous page's next").optional(),
  limit: z.coerce.number({ error: "limit must be a whole number from 1 to 50" }).int("limit must be a whole number from 1 to 50").min(1, "limit must be a whole number from 1 to 50").max(50, "limit must be a whole number from 1 to 50").default(20),
});

/** GET /api/leaderboard/:game?season=current|all|<n>&page=<n>. */
export const LeaderboardQuery = z.strictObject({
  season: z
    .string({ error: 'season must be "current", "all" or a season number' })
    .regex(/^(current|all|[1-9]\d{0,5})$/, 'season must be "current", "all" or a season number')
    .default("current"),
  page: z.coerce.number({ error: "page must be a whole number from 1 to 10000" }).int("page must be a whole number from 1 to 10000").min(1, "page must be a whole number from 1 to 10000").max(10_000, "page must be a whole number from 1 to 10000").default(1),
});

export interface HistoryOpponent {
  /** Null once that account was deleted (its name is then "deleted player"). */
  accountId: string | null;
  name: string;
  result: "win" | "loss" | "draw";
}

export interface HistoryEntry {
  matchId: string;
  game: string;
  /** ISO 8601. */
  playedAt: string;
  /** False for an unrated private room: the ratings did not move. */
  rated: boolean;
  result: "win" | "loss" | "draw";
  /** The displayed rating (openskill ordinal) before and after, and their difference. */
  ratingBefore: number;
  ratingAfter: number;
  ratingChange: number;
  kills: number;
  deaths: number;
  playedMs: number;
  opponents: HistoryOpponent[];
  /** `/replay/<id>`, the room's recording holding this match, or null when none was kept. */
  replay: string | null;
}

export interface HistoryAnswer {
  matches: HistoryEntry[];
  /** Pass as `before` for the next (older) page; null at the end. */
  next: string | null;
}

export interface LeaderboardEntry {
  accountId: string;
  name: string;
  rating: number;
  rank: number;
  games: number;
}

export interface LeaderboardAnswer {
  game: string;
  entries: LeaderboardEntry[];
  /** The caller's own entry (a valid Bearer token sent and a rated game played), wherever it ranks. */
  me?: LeaderboardEntry;
  page: number;
  pages: number;
  /** The season shown, or `{ id: "all" }` for all time. */
  season: Season | { id: "all" };
}

/** The `code` of an error answer of these routes. */
export const ProfileError = {
  UnknownGame: "unknown_game",
  BadQuery: "invalid_query",
  Unauthorized: "token_invalid",
  Unavailable: "accounts_unavailable",
  RateLimited: "rate_limited",
} as const;
