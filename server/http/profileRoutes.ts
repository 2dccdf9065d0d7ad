/**
 * Match history and leaderboards (docs/protocol.md, "Profiles and leaderboards"):
 *   GET /api/accounts/me/matches?before=<cursor>&limit=<n> (Bearer) → 200 HistoryAnswer
 *   GET /api/leaderboard/:game?season=current|all|<n>&page=<n> (Bearer optional) → 200 LeaderboardAnswer
 * Queries are checked against shared/profiles.ts before anything is read; an unknown game is
 * 404 unknown_game, a bad query 400 invalid_query. Both routes are reads with a per-address
 * budget. A leaderboard sent a bad token still answers, without `me`: the board is public.
 */
import type { IncomingMessage } from "node:http";
import type { Application, Request, Response } from "express";
import { HistoryQuery, LeaderboardQuery, ProfileError, type HistoryAnswer, type LeaderboardAnswer } from "../../shared/profiles.ts";
import { refusalOf } from "../../shared/registry.ts";
import { seasonById } from "../../shared/seasons.ts";
import { TokenError } from "../auth/accessTokens.ts";
import type { Accounts } from "../auth/Accounts.ts";
import { log } from "../log.ts";
import { AddressBuckets } from "../net/AddressBuckets.ts";
import { decodeCursor } from "../store/matchHistory.ts";
import type { BoardScope } from "../store/leaderboardStore.ts";
import { bearerToken } from "./secrets.ts";

/** Per address: a burst, then per second. */
const RATE = [60, 4] as const;

const fail = (res: Response, status: number, code: string, error: string) => void res.status(status).json({ error, code });

export function mountProfileRoutes(app: Application, accounts: Accounts, games: readonly string[], addressOf: (req: IncomingMessage) => string): void {
  const buckets = new AddressBuckets(RATE[0], RATE[1]);
  const allowed = (req: Request, res: Response): boolean => {
    if (buckets.take(addressOf(req))) return true;
    res.setHeader("Retry-After", String(Math.max(1, buckets.retryAfterSeconds(addressOf(req)))));
    fail(res, 429, ProfileError.RateLimited, "too many requests from your address; wait a few seconds");
    return false;
  };

  app.get("/api/accounts/me/matches", async (req, res) => {
    if (!allowed(req, res)) return;
    const q = HistoryQuery.safeParse(req.query);
    if (!q.success) return fail(res, 400, ProfileError.BadQuery, refusalOf(q.error).detail);
    const before = q.data.before === undefined ? undefined : decodeCursor(q.data.before);
    if (q.data.before !== undefined && !before) return fail(res, 400, ProfileError.BadQuery, "before must be a cursor from a previous page's next");
    await answer(res, async () => {
      const token = bearerToken(req.headers.authorization);
      if (!token) return fail(res, 401, ProfileError.Unauthorized, "send the access token as Authorization: Bearer <token>");
      const { account } = await accounts.authenticate(token);
      const page: HistoryAnswer = await accounts.history.page(account.id, q.data.limit, before);
      res.json(page);
    });
  });

  app.get("/api/leaderboard/:game", async (req, res) => {
    if (!allowed(req, res)) return;
    const game = req.params.game;
    if (!games.includes(game)) return fail(res, 404, ProfileError.UnknownGame, `no rated game "${game.slice(0, 32)}"; the games are ${games.join(", ")}`);
    const q = LeaderboardQuery.safeParse(req.query);
    if (!q.success) return fail(res, 400, ProfileError.BadQuery, refusalOf(q.error).detail);
    await answer(res, async () => {
      const seasonId = q.data.season === "current" ? accounts.ratings.currentSeason() : q.data.season === "all" ? undefined : Number(q.data.season);
      const scope: BoardScope = seasonId === undefined ? "all" : { season: seasonId };
      const me = await viewer(accounts, req);
      const board = await accounts.boards.page(game, scope, q.data.page, me);
      const body: LeaderboardAnswer = { game, ...board, page: q.data.page, season: seasonId === undefined ? { id: "all" } : seasonById(accounts.ratings.seasons, seasonId) };
      res.json(body);
    });
  });
}

/** The Bearer token's account id, or undefined (no token, or one that is not valid: the board is public). */
async function viewer(accounts: Accounts, req: Request): Promise<string | undefined> {
  const token = bearerToken(req.headers.authorization);
  if (!token) return undefined;
  try {
    return (await accounts.authenticate(token)).account.id;
  } catch (e) {
    if (e instanceof TokenError) return undefined;
    throw e;
  }
}

async function answer(res: Response, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (e instanceof TokenError) return fail(res, 401, e.problem, e.message);
    log.error("profile request failed", { error: e instanceof Error ? e.message : String(e) });
    fail(res, 503, ProfileError.Unavailable, "accounts are unavailable right now; try again shortly");
  }
}
