/**
 * Rated match results, written once: the match row (keyed by the room's match id), the
 * players' rows and their new ratings go in one transaction, and a match id already there
 * makes the whole write a no-op. So a room that reports twice (a retry, a twin room after
 * a stalled process) changes ratings once, and a crash mid-write leaves nothing half done.
 * Ratings are openskill's (Weng-Lin, Plackett-Luce by default); the number shown is its
 * ordinal, mu − 3σ, which rises as the system grows sure of a player.
 */
import type { Kysely, Transaction } from "kysely";
import { ordinal, rate, rating } from "openskill";
import type { GameRating } from "../../shared/auth.ts";
import type { DatabaseKind } from "./openDatabase.ts";
import type { Database, RatingsTable } from "./schema.ts";

/** One rated match: who played and their place (1 = first; equal places are a draw). */
export interface MatchRecord {
  matchId: string;
  game: string;
  players: ReadonlyArray<{ accountId: string; place: number }>;
}


const resultOf = (place: number, places: readonly number[]): "win" | "loss" | "draw" => {
  const best = Math.min(...places);
  if (places.every((p) => p === place)) return "draw";
  return place === best ? "win" : "loss";
};

export class RatingStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
    private readonly now: () => number = Date.now,
  ) {}

  async recordMatch(m: MatchRecord): Promise<"recorded" | "duplicate"> {
    const at = this.now();
    return this.db.transaction().execute(async (tx) => {
      const inserted = await tx.insertInto("matches").values({ id: m.matchId, game: m.game, played_at: at }).onConflict((oc) => oc.column("id").doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return "duplicate";
      const before = await Promise.all(m.players.map((p) => this.ratingRow(tx, p.accountId, m.game)));
      const places = m.players.map((p) => p.place);
      const after = rate(before.map((r) => [rating({ mu: r.mu, sigma: r.sigma })]), { rank: places });
      for (const [seat, p] of m.players.entries()) {
        const old = before[seat]!;
        const next = after[seat]![0]!;
        const result = resultOf(p.place, places);
        const row: RatingsTable = {
          ...old,
          mu: next.mu,
          sigma: next.sigma,
          games: old.games + 1,
          wins: old.wins + (result === "win" ? 1 : 0),
          losses: old.losses + (result === "loss" ? 1 : 0),
          draws: old.draws + (result === "draw" ? 1 : 0),
          updated_at: at,
        };
        const { account_id: _a, game: _g, ...changes } = row;
        await tx.insertInto("ratings").values(row).onConflict((oc) => oc.columns(["account_id", "game"]).doUpdateSet(changes)).execute();
        await tx.insertInto("match_players").values({ match_id: m.matchId, seat, account_id: p.accountId, result, rating_before: ordinal(old), rating_after: ordinal(next) }).execute();
      }
      return "recorded";
    });
  }

  /** Every game's rating of an account, by game. */
  async ratingsOf(accountId: string): Promise<Record<string, GameRating>> {
    const rows = await this.db.selectFrom("ratings").selectAll().where("account_id", "=", accountId).execute();
    return Object.fromEntries(rows.map((r) => [r.game, { rating: ordinal(r), mu: r.mu, sigma: r.sigma, games: r.games, wins: r.wins, losses: r.losses, draws: r.draws }]));
  }

  /** The account's rating row, locked for this transaction on PostgreSQL (SQLite's writer lock already serialises). */
  private async ratingRow(tx: Transaction<Database>, accountId: string, game: string): Promise<RatingsTable> {
    let q = tx.selectFrom("ratings").selectAll().where("account_id", "=", accountId).where("game", "=", game);
    if (this.kind === "postgres") q = q.forUpdate();
    const row = await q.executeTakeFirst();
    const fresh = rating();
    return row ?? { account_id: accountId, game, mu: fresh.mu, sigma: fresh.sigma, games: 0, wins: 0, losses: 0, draws: 0, updated_at: 0 };
  }
}
