/**
 * Seasons: fixed-length periods counted from an epoch (SEASON_EPOCH, SEASON_LENGTH_DAYS in
 * server/config.ts; weekly from a Monday by default). Season 1 starts at the epoch; the
 * number only grows, so a season is named by it alone. Pure: the caller passes the time.
 */

export interface SeasonSettings {
  /** When season 1 starts, ms since the Unix epoch. */
  epochMs: number;
  lengthDays: number;
}

/** A season as the leaderboard answers it. */
export interface Season {
  id: number;
  /** ISO 8601. */
  startsAt: string;
  endsAt: string;
}

const DAY_MS = 86_400_000;

/** Monday 1 January 2024, 00:00 UTC: weeks start on Mondays. */
export const DEFAULT_SEASON_EPOCH = "2024-01-01T00:00:00Z";
export const DEFAULT_SEASON_LENGTH_DAYS = 7;
export const DEFAULT_SEASONS: SeasonSettings = { epochMs: Date.parse(DEFAULT_SEASON_EPOCH), lengthDays: DEFAULT_SEASON_LENGTH_DAYS };

/** The number of the season `atMs` falls in (times before the epoch fall in season 0 or below). */
export function seasonNumberAt(s: SeasonSettings, atMs: number): number {
  return Math.floor((atMs - s.epochMs) / (s.lengthDays * DAY_MS)) + 1;
}

/** Season `id`'s bounds. */
export function seasonById(s: SeasonSettings, id: number): Season {
  const start = s.epochMs + (id - 1) * s.lengthDays * DAY_MS;
  return { id, startsAt: new Date(start).toISOString(), endsAt: new Date(start + s.lengthDays * DAY_MS).toISOString() };
}
