/**
 * Leaderboards per game, all time or for one season: who has played a rated game there,
 * best displayed rating (openskill's ordinal, mu − 3σ) first. Ranks are competition ranks
 * ("1224"): players with exactly the same rating share a rank, and the next rank counts
 * everyone above it. Within a tie, more games first, then the account id, so pages never
 * overlap or skip anyone.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface BoardEntry {
  accountId: string;
  name: string;
  rating: number;
  rank: number;
  games: number;
}

export interface BoardPage {
  entries: BoardEntry[];
  /** 1 when the board is empty. */
  pages: number;
  /** The asking account's entry, even when it is not on this page; absent when it has no rated game. */
  me?: BoardEntry;
}

/** Which standings: all time, or season n. */
export type BoardScope = { season: number } | "all";

export const PAGE_SIZE = 20;

const ORDINAL = sql<number>`(mu - 3 * sigma)`;

export class LeaderboardStore {
  constructor(private readonly db: Kysely<Database>) {}

  async page(game: string, scope: BoardScope, page: number, meId?: string): Promise<BoardPage> {
    const total = Number((await this.rows(game, scope).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst())?.n ?? 0);
    const rows = await this.entryRows(game, scope)
      .orderBy(ORDINAL, "desc")
      .orderBy("r.games", "desc")
      .orderBy("r.account_id")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute();
    const entries: BoardEntry[] = [];
    for (const [i, r] of rows.entries()) {
      const prev = entries[i - 1];
      const rank = prev && prev.rating === Number(r.rating) ? prev.rank : i === 0 ? await this.rankOf(game, scope, Number(r.rating)) : (page - 1) * PAGE_SIZE + i + 1;
      entries.push({ accountId: r.accountId, name: r.name, rating: Number(r.rating), rank, games: Number(r.games) });
    }
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (!meId) return { entries, pages };
    const mine = entries.find((e) => e.accountId === meId) ?? (await this.entryOf(game, scope, meId));
    return mine ? { entries, pages, me: mine } : { entries, pages };
  }

  private async entryOf(game: string, scope: BoardScope, accountId: string): Promise<BoardEntry | undefined> {
    const r = await this.entryRows(game, scope).where("r.account_id", "=", accountId).executeTakeFirst();
    if (!r) return undefined;
    return { accountId: r.accountId, name: r.name, rating: Number(r.rating), rank: await this.rankOf(game, scope, Number(r.rating)), games: Number(r.games) };
  }

  /** 1 + how many players are strictly above `rating`. */
  private async rankOf(game: string, scope: BoardScope, rating: number): Promise<number> {
    const above = await this.rows(game, scope).where(ORDINAL, ">", rating).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
    return Number(above?.n ?? 0) + 1;
  }

  private entryRows(game: string, scope: BoardScope) {
    return this.rows(game, scope)
      .innerJoin("accounts as a", "a.id", "r.account_id")
      .select(["r.account_id as accountId", "a.name as name", "r.games as games", ORDINAL.as("rating")]);
  }

  /** The standings that count: one game, one scope, at least one rated game. */
  private rows(game: string, scope: BoardScope) {
    if (scope === "all") return this.db.selectFrom("ratings as r").where("r.game", "=", game).where("r.games", ">", 0);
    // Both tables share the columns read here; the season table is narrowed to one season.
    return (this.db.selectFrom("season_ratings as r").where("r.season", "=", scope.season) as unknown as ReturnType<LeaderboardStore["allRows"]>).where("r.game", "=", game).where("r.games", ">", 0);
  }

  private allRows() {
    return this.db.selectFrom("ratings as r");
  }
}
