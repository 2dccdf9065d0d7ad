/**
 * Match history and leaderboards over HTTP, on the embedded database and on PostgreSQL:
 * a real Connect Four game shows in both players' histories (opponent, result, rating change,
 * replay link) and on the board; history pages by cursor; ranks share ties and the caller's
 * own rank comes back when it is off the page; an unrated private room changes nothing but
 * the history; every bad query is refused by name and reads nothing.
 */
import type { Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { KitRoom } from "../../server/kit/KitRoom.ts";
import { JoinError } from "../../shared/protocol.ts";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import type { HistoryAnswer, LeaderboardAnswer } from "../../shared/profiles.ts";
import { guest, me } from "../helpers/authHttp.ts";
import { joinConnect4, redWins } from "../helpers/connect4Play.ts";
import { DATABASES, databaseEnv } from "../helpers/testDatabases.ts";
import { joinOptions, leaveAll, startTestServer, type TestServer } from "../helpers/testServer.ts";

type AnyKitRoom = KitRoom<never, never, unknown, unknown>;

let server: TestServer | undefined;
const open: Room[] = [];
afterEach(async () => {
  await leaveAll(open);
  await server?.stop();
  server = undefined;
});

async function get<T>(s: TestServer, path: string, token?: string): Promise<{ status: number; body: T & { code?: string; error?: string } }> {
  const res = await fetch(`${s.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as T & { code?: string; error?: string } };
}

describe.each(DATABASES)("history and leaderboards (%s)", (db) => {
  const start = async () => (server = await startTestServer(await databaseEnv(db)));

  it("a finished game shows in both histories, with the replay link, and on both boards", async () => {
    const s = await start();
    const [a, b] = [await guest(s.url, "Ann"), await guest(s.url, "Ben")];
    const red = await joinConnect4(s.client(), open, a.token);
    const yellow = await joinConnect4(s.client(), open, b.token, red.roomId);
    await redWins(red, yellow);
    await s.serverRoom<AnyKitRoom>(red.roomId).results.settled();

    const ha = await get<HistoryAnswer>(s, "/api/accounts/me/matches", a.token);
    expect(ha.status).toBe(200);
    expect(ha.body.next).toBeNull();
    expect(ha.body.matches).toHaveLength(1);
    const m = ha.body.matches[0]!;
    expect(m).toMatchObject({ game: CONNECT4_ROOM, rated: true, result: "win", replay: `/replay/${red.roomId}`, opponents: [{ accountId: b.account.id, name: "Ben", result: "loss" }] });
    expect(m.matchId.startsWith(`${red.roomId}:`)).toBe(true);
    expect(m.ratingChange).toBeGreaterThan(0);
    const hb = await get<HistoryAnswer>(s, "/api/accounts/me/matches", b.token);
    expect(hb.body.matches[0]).toMatchObject({ matchId: m.matchId, result: "loss", opponents: [{ name: "Ann", result: "win" }] });
    expect(hb.body.matches[0]!.ratingChange).toBeLessThan(0);

    for (const season of ["current", "all"]) {
      const board = await get<LeaderboardAnswer>(s, `/api/leaderboard/connect4?season=${season}`, b.token);
      expect(board.status).toBe(200);
      expect(board.body.entries.map((e) => [e.name, e.rank, e.games])).toEqual([["Ann", 1, 1], ["Ben", 2, 1]]);
      expect(board.body.me).toMatchObject({ accountId: b.account.id, rank: 2 });
      expect(board.body).toMatchObject({ page: 1, pages: 1 });
    }
    const profile = (await me(s.url, a.token)).body;
    expect(profile.seasonRatings.connect4).toMatchObject({ games: 1, wins: 1 });
    expect(profile.ratings.connect4!.playedMs).toBeGreaterThan(0);
    expect(m.playedMs).toBe(profile.ratings.connect4!.playedMs);
    expect(profile.ratings.connect4!.rating).toBeCloseTo(m.ratingAfter, 9);
    const arena = await get<LeaderboardAnswer>(s, "/api/leaderboard/arena?season=all");
    expect(arena.body.entries).toEqual([]);
    expect(arena.body.me).toBeUndefined();
  });

  it("history pages by cursor, newest first, with no match twice or missed", async () => {
    const s = await start();
    const [a, b] = [await guest(s.url, "Cat"), await guest(s.url, "Dan")];
    for (let i = 0; i < 5; i++) await s.accounts.ratings.recordMatch({ matchId: `m:${i}`, game: CONNECT4_ROOM, players: [{ accountId: a.account.id, place: 1 }, { accountId: b.account.id, place: 2 }] });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { status: number; body: HistoryAnswer } = await get<HistoryAnswer>(s, `/api/accounts/me/matches?limit=2${cursor ? `&before=${cursor}` : ""}`, a.token);
      expect(r.status).toBe(200);
      expect(r.body.matches.length).toBeLessThanOrEqual(2);
      seen.push(...r.body.matches.map((x) => x.matchId));
      for (let i = 1; i < r.body.matches.length; i++) expect(r.body.matches[i]!.playedAt <= r.body.matches[i - 1]!.playedAt).toBe(true);
      cursor = r.body.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual(["m:0", "m:1", "m:2", "m:3", "m:4"]);
    expect(new Set(seen).size).toBe(5);
  });

  it("equal ratings share a rank, and the caller's rank comes back when it is off the page", async () => {
    const s = await start();
    const record = (matchId: string, first: string, second: string) =>
      s.accounts.ratings.recordMatch({ matchId, game: CONNECT4_ROOM, players: [{ accountId: first, place: 1 }, { accountId: second, place: 2 }] });
    const newPlayer = async (name: string) => (await s.accounts.guest(name)).account.id;
    // 11 pairs of fresh players, each won by its first: every winner has the same rating, every loser too.
    const winners: string[] = [];
    for (let i = 0; i < 11; i++) {
      winners.push(await newPlayer(`W${i}`));
      await record(`pair:${i}`, winners[i]!, await newPlayer(`L${i}`));
    }
    // The caller lost twice, to two more players: below everyone.
    const mine = await s.accounts.guest("Me");
    for (let i = 0; i < 2; i++) await record(`me:${i}`, await newPlayer(`X${i}`), mine.account.id);

    const page1 = await get<LeaderboardAnswer>(s, "/api/leaderboard/connect4?season=all", mine.token);
    expect(page1.body).toMatchObject({ page: 1, pages: 2 });
    expect(page1.body.entries).toHaveLength(20);
    // 12 equal winners share rank 1; the one who beat the weakened caller gained less (13); the losers share 14.
    expect(page1.body.entries.map((e) => e.rank)).toEqual([...Array(12).fill(1), 13, ...Array(7).fill(14)]);
    expect(page1.body.entries.some((e) => e.accountId === mine.account.id)).toBe(false);
    expect(page1.body.me).toMatchObject({ accountId: mine.account.id, name: "Me", games: 2, rank: 25 });
    const page2 = await get<LeaderboardAnswer>(s, "/api/leaderboard/connect4?season=all&page=2", mine.token);
    expect(page2.body.entries.map((e) => e.rank)).toEqual([14, 14, 14, 14, 25]);
    expect(page2.body.me).toEqual(page2.body.entries[4]);
    const all = [...page1.body.entries, ...page2.body.entries];
    expect(new Set(all.map((e) => e.accountId)).size).toBe(25);
    const page3 = await get<LeaderboardAnswer>(s, "/api/leaderboard/connect4?season=all&page=3");
    expect(page3.body).toMatchObject({ entries: [], page: 3, pages: 2 });
  });

  it("an unrated private room writes the history only; an unrated public room is refused", async () => {
    const s = await start();
    const [a, b] = [await guest(s.url, "Eve"), await guest(s.url, "Fay")];
    const refused = await s.client().create(CONNECT4_ROOM, { ...joinOptions("p"), rated: false }).then(() => "created", (e: { code?: number; message?: string }) => `${e.code} ${e.message}`);
    expect(refused).toBe(`${JoinError.InvalidOptions} rated: false is only for a private room (create it with private: true)`);

    const red = await joinConnect4(s.client(), open, a.token, undefined, { private: true, rated: false });
    const yellow = await joinConnect4(s.client(), open, b.token, red.roomId);
    await redWins(red, yellow);
    await s.serverRoom<AnyKitRoom>(red.roomId).results.settled();
    const h = await get<HistoryAnswer>(s, "/api/accounts/me/matches", a.token);
    expect(h.body.matches).toHaveLength(1);
    expect(h.body.matches[0]).toMatchObject({ rated: false, result: "win", ratingChange: 0 });
    expect((await me(s.url, a.token)).body.ratings).toEqual({});
    expect((await get<LeaderboardAnswer>(s, "/api/leaderboard/connect4?season=all")).body.entries).toEqual([]);
  });

  it("refuses bad queries, unknown games and missing or bad tokens by name", async () => {
    const s = await start();
    const a = await guest(s.url, "Gus");
    const cases: Array<[string, string | undefined, number, string]> = [
      ["/api/accounts/me/matches", undefined, 401, "token_invalid"],
      ["/api/accounts/me/matches", "not-a-token", 401, "token_invalid"],
      ["/api/accounts/me/matches?limit=0", a.token, 400, "invalid_query"],
      ["/api/accounts/me/matches?limit=51", a.token, 400, "invalid_query"],
      ["/api/accounts/me/matches?limit=abc", a.token, 400, "invalid_query"],
      ["/api/accounts/me/matches?before=%27%3B%20DROP%20TABLE%20matches", a.token, 400, "invalid_query"],
      ["/api/accounts/me/matches?before=AAAA", a.token, 400, "invalid_query"],
      ["/api/accounts/me/matches?sort=asc", a.token, 400, "invalid_query"],
      ["/api/leaderboard/chess", undefined, 404, "unknown_game"],
      ["/api/leaderboard/connect4?season=last", undefined, 400, "invalid_query"],
      ["/api/leaderboard/connect4?page=0", undefined, 400, "invalid_query"],
      ["/api/leaderboard/connect4?page=1.5", undefined, 400, "invalid_query"],
      ["/api/leaderboard/connect4?page=1&page=2", undefined, 400, "invalid_query"],
      ["/api/leaderboard/connect4?limit=5", undefined, 400, "invalid_query"],
    ];
    for (const [path, token, status, code] of cases) {
      const r = await get<object>(s, path, token);
      expect([path, r.status, r.body.code]).toEqual([path, status, code]);
      expect(typeof r.body.error).toBe("string");
    }
    // A bad token on the public board still answers the board, without `me`.
    const board = await get<LeaderboardAnswer>(s, "/api/leaderboard/connect4", "not-a-token");
    expect(board.status).toBe(200);
    expect(board.body.me).toBeUndefined();
    expect(await s.accounts.store.count("matches")).toBe(0);
  });
});
