/**
 * Stored replays' metadata in the accounts database (migration 005_replays): written by
 * ReplayStore when it saves a log, read by GET /api/replays, deleted when retention prunes
 * the log. The log stays a file in DATA_DIR/replays; this is only its listing.
 */
import type { Kysely } from "kysely";
import { ReplayMeta } from "../kit/replay/ReplayStore.ts";
import type { Database, ReplaysTable } from "./schema.ts";

const toRow = (m: ReplayMeta): ReplaysTable => ({
  match_id: m.matchId,
  room_type: m.roomType,
  rules_version: m.rulesVersion,
  players: JSON.stringify(m.players),
  started_at: Date.parse(m.startedAt),
  duration_ms: m.durationMs,
  truncated: m.truncated ? 1 : 0,
  result: JSON.stringify(m.result ?? null),
  bytes: m.bytes,
});

// BIGINT comes back from PostgreSQL as a string; Number() makes both databases alike.
const toMeta = (r: ReplaysTable): ReplayMeta =>
  ReplayMeta.parse({
    matchId: r.match_id,
    roomType: r.room_type,
    rulesVersion: Number(r.rules_version),
    players: JSON.parse(r.players),
    startedAt: new Date(Number(r.started_at)).toISOString(),
    durationMs: Number(r.duration_ms),
    truncated: Number(r.truncated) === 1,
    result: JSON.parse(r.result),
    bytes: Number(r.bytes),
  });

export class ReplayIndex {
  constructor(private readonly db: Kysely<Database>) {}

  /** Record (or, for a match saved again, replace) one replay's metadata. */
  async put(meta: ReplayMeta): Promise<void> {
    const row = toRow(meta);
    const { match_id: _id, ...rest } = row;
    await this.db.insertInto("replays").values(row).onConflict((c) => c.column("match_id").doUpdateSet(rest)).execute();
  }

  /** The newest first (ties by match id, descending, as the sidecar listing sorts). */
  async list(limit: number): Promise<ReplayMeta[]> {
    const rows = await this.db.selectFrom("replays").selectAll().orderBy("started_at", "desc").orderBy("match_id", "desc").limit(limit).execute();
    return rows.map(toMeta);
  }

  async remove(matchIds: readonly string[]): Promise<void> {
    if (matchIds.length > 0) await this.db.deleteFrom("replays").where("match_id", "in", [...matchIds]).execute();
  }
}
