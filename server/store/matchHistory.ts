/**
 * An account's match history, newest first, in pages: each match with its result, rating
 * change, own stats, opponents and replay. Paged by keyset (played_at, match id), so a page
 * is the same however many matches are written meanwhile; the cursor is that pair, opaque
 * to the client. An opponent whose account was deleted shows as DELETED_NAME with no id.
 */
import type { Kysely } from "kysely";
import type { HistoryEntry } from "../../shared/profiles.ts";
import type { Database } from "./schema.ts";

export const DELETED_NAME = "deleted player";

export interface HistoryPage {
  matches: HistoryEntry[];
  /** The cursor of the next (older) page, or null at the end. */
  next: string | null;
}

/** A cursor is `<played_at>.<match id>` in base64url; undefined when it is not one. */
export function decodeCursor(cursor: string): { at: number; id: string } | undefined {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const m = /^(\d{1,16})\.(.{1,200})$/s.exec(text);
  return m ? { at: Number(m[1]), id: m[2]! } : undefined;
}

const encodeCursor = (at: number, id: string): string => Buffer.from(`${at}.${id}`, "utf8").toString("base64url");

/** A match id's replay link: the replay is the room's whole log (/replay/<room id>). */
const replayLink = (replayId: string | null): string | null => (replayId ? `/replay/${replayId}` : null);

export class MatchHistory {
  constructor(private readonly db: Kysely<Database>) {}

  async page(accountId: string, limit: number, before?: { at: number; id: string }): Promise<HistoryPage> {
    let q = this.db
      .selectFrom("match_players as mp")
      .innerJoin("matches as m", "m.id", "mp.match_id")
      .select(["m.id", "m.game", "m.played_at", "m.rated", "m.replay_id", "mp.result", "mp.rating_before", "mp.rating_after", "mp.kills", "mp.deaths", "mp.played_ms"])
      .where("mp.account_id", "=", accountId);
    if (before) q = q.where((eb) => eb.or([eb("m.played_at", "<", before.at), eb.and([eb("m.played_at", "=", before.at), eb("m.id", "<", before.id)])]));
    const rows = await q.orderBy("m.played_at", "desc").orderBy("m.id", "desc").limit(limit + 1).execute();
    const shown = rows.slice(0, limit);
    const ids = shown.map((r) => r.id);
    const others = ids.length
      ? await this.db
          .selectFrom("match_players as mp")
          .leftJoin("accounts as a", "a.id", "mp.account_id")
          .select(["mp.match_id", "mp.seat", "mp.account_id", "a.name", "mp.result"])
          .where("mp.match_id", "in", ids)
          .orderBy("mp.seat")
          .execute()
      : [];
    const matches = shown.map((r): HistoryEntry => ({
      matchId: r.id,
      game: r.game,
      playedAt: new Date(Number(r.played_at)).toISOString(),
      rated: Number(r.rated) === 1,
      result: r.result,
      ratingBefore: r.rating_before,
      ratingAfter: r.rating_after,
      ratingChange: r.rating_after - r.rating_before,
      kills: Number(r.kills),
      deaths: Number(r.deaths),
      playedMs: Number(r.played_ms),
      opponents: others
        .filter((o) => o.match_id === r.id && o.account_id !== accountId)
        .map((o) => ({ accountId: o.account_id, name: o.account_id && o.name ? o.name : DELETED_NAME, result: o.result })),
      replay: replayLink(r.replay_id),
    }));
    const last = shown[shown.length - 1];
    return { matches, next: rows.length > limit && last ? encodeCursor(Number(last.played_at), last.id) : null };
  }
}
