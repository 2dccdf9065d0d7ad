/**
 * Match results, written once: the match row (keyed by the room's match id), the players'
 * rows, their new ratings and stats, all-time and for the current season, go in one
 * transaction, and a match id already there makes the whole write a no-op. So a room that
 * reports twice (a retry, a twin room after a stalled process) changes ratings once, and a
 * crash mid-write leaves nothing half done.
 * Ratings are openskill's (Weng-Lin, Plackett-Luce by default), one team per player; the
 * number shown is its ordinal, mu − 3σ, which rises as the system grows sure of a player.
 * An unrated match (a private room created with `rated: false`) is written to the history
 * only: ratings and stats stay as they were.
 */
import type { Kysely, Transaction } from "kysely";
import { ordinal, rate, rating } from "openskill";
import type { GameRating } from "../../shared/auth.ts";
import { DEFAULT_SEASONS, seasonNumberAt, type SeasonSettings } from "../../shared/seasons.ts";
import type { DatabaseKind } from "./openDatabase.ts";
import type { Database, RatingsTable, SeasonRatingsTable } from "./schema.ts";

/** One player of a match: their place (1 = first; equal places are a draw) and what they did. */
export interface MatchPlayer {
  accountId: string;
  place: number;
  kills?: number;
  deaths?: number;
  /** Time spent in the match, ms. */
  playedMs?: number;
}

/** One finished match between signed-in players. */
export interface MatchRecord {
  matchId: string;
  game: string;
  players: readonly MatchPlayer[];
  /** False for an unrated room (history only); default true. Set by the kit from the room's options. */
  rated?: boolean;
  /** The replay holding this match (its room's id), set by the kit when the room records one. */
  replayId?: string;
}

type Standing = Omit<RatingsTable, "account_id" | "game">;

const resultOf = (place: number, places: readonly number[]): "win" | "loss" | "draw" => {
  const best = Math.min(...places);
  if (places.every((p) => p === place)) return "draw";
  return place === best ? "win" : "loss";
};

const fresh = (): Standing => {
  const r = rating();
  return { mu: r.mu, sigma: r.sigma, games: 0, wins: 0, losses: 0, draws: 0, kills: 0, deaths: 0, played_ms: 0, updated_at: 0 };
};

/** A standing as the profile answers it. */
export const gameRating = (r: Standing): GameRating => ({
  rating: ordinal(r),
  mu: r.mu,
  sigma: r.sigma,
  games: r.games,
  wins: r.wins,
  losses: r.losses,
  draws: r.draws,
  kills: Number(r.kills),
  deaths: Number(r.deaths),
  playedMs: Number(r.played_ms),
});

export class RatingStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
    private readonly now: () => number = Date.now,
    readonly seasons: SeasonSettings = DEFAULT_SEASONS,
  ) {}

  /** The season it is now. */
  currentSeason(): number {
    return seasonNumberAt(this.seasons, this.now());
  }

  async recordMatch(m: MatchRecord): Promise<"recorded" | "duplicate"> {
    const at = this.now();
    const season = seasonNumberAt(this.seasons, at);
    const rated = m.rated !== false;
    return this.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto("matches")
        .values({ id: m.matchId, game: m.game, played_at: at, rated: rated ? 1 : 0, replay_id: m.replayId ?? null })
        .onConflict((oc) => oc.column("id").doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return "duplicate";
      const places = m.players.map((p) => p.place);
      const allTime = await Promise.all(m.players.map((p) => this.standing(tx, p.accountId, m.game, undefined)));
      const seasonal = await Promise.all(m.players.map((p) => this.standing(tx, p.accountId, m.game, season)));
      const next = (before: Standing[]) => rate(before.map((r) => [rating({ mu: r.mu, sigma: r.sigma })]), { rank: places }).map((team) => team[0]!);
      const [allAfter, seasonAfter] = [next(allTime), next(seasonal)];
      for (const [seat, p] of m.players.entries()) {
        const result = resultOf(p.place, places);
        const old = allTime[seat]!;
        const after = rated ? allAfter[seat]! : old;
        if (rated) {
          await this.save(tx, p, m.game, undefined, counted(old, allAfter[seat]!, p, result, at));
          await this.save(tx, p, m.game, season, counted(seasonal[seat]!, seasonAfter[seat]!, p, result, at));
        }
        await tx
          .insertInto("match_players")
          .values({ match_id: m.matchId, seat, account_id: p.accountId, result, rating_before: ordinal(old), rating_after: ordinal(after), kills: p.kills ?? 0, deaths: p.deaths ?? 0, played_ms: Math.round(p.playedMs ?? 0) })
          .execute();
      }
      return "recorded";
    });
  }

  /** Every game's all-time rating of an account, by game. */
  async ratingsOf(accountId: string): Promise<Record<string, GameRating>> {
    const rows = await this.db.selectFrom("ratings").selectAll().where("account_id", "=", accountId).execute();
    return Object.fromEntries(rows.map((r) => [r.game, gameRating(r)]));
  }

  /** Every game's rating of an account in the current season, by game. */
  async seasonRatingsOf(accountId: string): Promise<Record<string, GameRating>> {
    const rows = await this.db.selectFrom("season_ratings").selectAll().where("account_id", "=", accountId).where("season", "=", this.currentSeason()).execute();
    return Object.fromEntries(rows.map((r) => [r.game, gameRating(r)]));
  }

  private async save(tx: Transaction<Database>, p: MatchPlayer, game: string, season: number | undefined, s: Standing): Promise<void> {
    if (season === undefined) {
      await tx.insertInto("ratings").values({ account_id: p.accountId, game, ...s }).onConflict((oc) => oc.columns(["account_id", "game"]).doUpdateSet(s)).execute();
    } else {
      await tx.insertInto("season_ratings").values({ account_id: p.accountId, game, season, ...s }).onConflict((oc) => oc.columns(["account_id", "game", "season"]).doUpdateSet(s)).execute();
    }
  }

  /** The account's standing (all-time, or in `season`), locked for this transaction on PostgreSQL (SQLite's writer lock already serialises). */
  private async standing(tx: Transaction<Database>, accountId: string, game: string, season: number | undefined): Promise<Standing> {
    const row =
      season === undefined
        ? await this.lock(tx.selectFrom("ratings").selectAll().where("account_id", "=", accountId).where("game", "=", game)).executeTakeFirst()
        : await this.lock(tx.selectFrom("season_ratings").selectAll().where("account_id", "=", accountId).where("game", "=", game).where("season", "=", season)).executeTakeFirst();
    if (!row) return fresh();
    const { account_id: _a, game: _g, ...s } = row as RatingsTable & Partial<SeasonRatingsTable>;
    delete s.season;
    return { ...s, kills: Number(s.kills), deaths: Number(s.deaths), played_ms: Number(s.played_ms) };
  }

  private lock<Q extends { forUpdate(): Q }>(q: Q): Q {
    return this.kind === "postgres" ? q.forUpdate() : q;
  }
}

/** A standing after one more match: the new mu and sigma, the record and the stats added. */
function counted(old: Standing, next: { mu: number; sigma: number }, p: MatchPlayer, result: "win" | "loss" | "draw", at: number): Standing {
  return {
    mu: next.mu,
    sigma: next.sigma,
    games: old.games + 1,
    wins: old.wins + (result === "win" ? 1 : 0),
    losses: old.losses + (result === "loss" ? 1 : 0),
    draws: old.draws + (result === "draw" ? 1 : 0),
    kills: old.kills + (p.kills ?? 0),
    deaths: old.deaths + (p.deaths ?? 0),
    played_ms: old.played_ms + Math.round(p.playedMs ?? 0),
    updated_at: at,
  };
}
