/**
 * Seasons: numbered from SEASON_EPOCH in SEASON_LENGTH_DAYS steps (shared/seasons.ts), both
 * validated at start; a match is rated all-time and in the season it is played in, and a new
 * season starts everyone fresh. The clock is injected into Accounts (no waiting), on the
 * embedded database and on PostgreSQL.
 */
import { rate, rating } from "openskill";
import { afterEach, describe, expect, it } from "vitest";
import { Accounts } from "../../server/auth/Accounts.ts";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { DEFAULT_SEASON_EPOCH, seasonById, seasonNumberAt } from "../../shared/seasons.ts";
import { DATABASES, freshPostgres } from "../helpers/testDatabases.ts";

const DAY = 86_400_000;
const EPOCH = Date.parse("2026-01-05T00:00:00Z");

describe("season numbers and settings", () => {
  it("counts seasons from the epoch, each starting where the last ends", () => {
    const s = { epochMs: EPOCH, lengthDays: 7 };
    expect(seasonNumberAt(s, EPOCH)).toBe(1);
    expect(seasonNumberAt(s, EPOCH + 7 * DAY - 1)).toBe(1);
    expect(seasonNumberAt(s, EPOCH + 7 * DAY)).toBe(2);
    expect(seasonById(s, 2)).toEqual({ id: 2, startsAt: "2026-01-12T00:00:00.000Z", endsAt: "2026-01-19T00:00:00.000Z" });
  });

  it("reads SEASON_EPOCH and SEASON_LENGTH_DAYS, weekly from a Monday by default, and refuses bad values by name", () => {
    const base = { PORT: "0" };
    expect(loadConfig(base)).toMatchObject({ SEASON_LENGTH_DAYS: 7, SEASON_EPOCH: Date.parse(DEFAULT_SEASON_EPOCH) });
    expect(new Date(Date.parse(DEFAULT_SEASON_EPOCH)).getUTCDay()).toBe(1);
    expect(loadConfig({ ...base, SEASON_EPOCH: "2026-01-05T00:00:00Z", SEASON_LENGTH_DAYS: "30" })).toMatchObject({ SEASON_EPOCH: EPOCH, SEASON_LENGTH_DAYS: 30 });
    for (const [name, value, message] of [
      ["SEASON_EPOCH", "next monday", "SEASON_EPOCH: must be an ISO 8601 time with a zone"],
      ["SEASON_EPOCH", "2026-01-05", "SEASON_EPOCH: must be an ISO 8601 time with a zone"],
      ["SEASON_LENGTH_DAYS", "0", "SEASON_LENGTH_DAYS: must be an integer from 1 to 3650"],
      ["SEASON_LENGTH_DAYS", "1.5", "SEASON_LENGTH_DAYS: must be an integer from 1 to 3650"],
    ] as const) {
      expect(() => loadConfig({ ...base, [name]: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, [name]: value })).toThrow(message);
    }
  });
});

let accounts: Accounts | undefined;
afterEach(async () => {
  await accounts?.close();
  accounts = undefined;
});

describe.each(DATABASES)("season roll-over (%s)", (db) => {
  it("a new season starts everyone fresh while the all-time board keeps every match", async () => {
    let now = EPOCH + 6 * DAY; // the last day of season 1
    accounts = await Accounts.open({ dataDir: ":memory:", databaseUrl: db === "postgres" ? await freshPostgres() : undefined, secret: "season-test-secret-season-test-secret", now: () => now, seasons: { epochMs: EPOCH, lengthDays: 7 } });
    const a = (await accounts.guest("Ann")).account.id;
    const b = (await accounts.guest("Ben")).account.id;
    const c = (await accounts.guest("Cat")).account.id;
    const play = (matchId: string, winner: string, loser: string) => accounts!.ratings.recordMatch({ matchId, game: "connect4", players: [{ accountId: winner, place: 1 }, { accountId: loser, place: 2 }] });
    await play("s1:1", a, b);
    await play("s1:2", a, b);
    expect(accounts.ratings.currentSeason()).toBe(1);
    const season1 = await accounts.boards.page("connect4", { season: 1 }, 1);
    expect(season1.entries.map((e) => [e.accountId, e.games])).toEqual([[a, 2], [b, 2]]);

    now = EPOCH + 7 * DAY; // season 2 begins
    expect(accounts.ratings.currentSeason()).toBe(2);
    expect((await accounts.boards.page("connect4", { season: 2 }, 1)).entries).toEqual([]);
    expect(await accounts.ratings.seasonRatingsOf(a)).toEqual({});
    await play("s2:1", c, a);
    const season2 = await accounts.boards.page("connect4", { season: 2 }, 1, b);
    expect(season2.entries.map((e) => [e.accountId, e.games, e.rank])).toEqual([[c, 1, 1], [a, 1, 2]]);
    expect(season2.me).toBeUndefined();
    // Ann's season-2 rating started fresh: the same as a fresh player's after one loss to a fresh player.
    const fresh = await accounts.ratings.seasonRatingsOf(a);
    const [, loser] = rate([[rating()], [rating()]]);
    expect(fresh.connect4).toMatchObject({ games: 1, wins: 0, losses: 1, mu: loser![0]!.mu, sigma: loser![0]!.sigma });
    expect((await accounts.ratings.ratingsOf(a)).connect4!.mu).not.toBe(loser![0]!.mu);
    const allTime = await accounts.boards.page("connect4", "all", 1, b);
    expect(Object.fromEntries(allTime.entries.map((e) => [e.accountId, e.games]))).toEqual({ [a]: 3, [b]: 2, [c]: 1 });
    expect(allTime.me).toMatchObject({ accountId: b, games: 2 });
    // Season 1 is kept as it ended.
    expect((await accounts.boards.page("connect4", { season: 1 }, 1)).entries).toEqual(season1.entries);
  });
});
