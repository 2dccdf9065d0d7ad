/**
 * Match results made durable before the database sees them: an outbox of one file per match
 * in DATA_DIR/outbox, written atomically (a temporary file, fsync, rename, fsync of the
 * folder) before the result's transaction starts and removed once it committed (or was found
 * already written). Whatever is left, because the process was killed mid-write or the
 * database refused every attempt, is written again at the next start. The store writes each
 * match id once (ratingStore.ts), so a replay of a result that did commit changes nothing:
 * nothing acknowledged is lost and nothing is written twice (docs/accounts.md, "Exactly once").
 */
import { createHash } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { log } from "../log.ts";
import type { MatchRecord } from "../store/ratingStore.ts";
import type { ResultSink } from "./MatchResults.ts";

/** What a file holds; read back with a schema, so a damaged file is reported, never half-applied. */
const OutboxRecord = z.strictObject({
  matchId: z.string().min(1).max(200),
  game: z.string().min(1).max(64),
  players: z
    .array(
      z.strictObject({
        accountId: z.string().min(1).max(64),
        place: z.int().min(1),
        kills: z.int().min(0).optional(),
        deaths: z.int().min(0).optional(),
        playedMs: z.number().min(0).optional(),
      }),
    )
    .min(1)
    .max(128),
  rated: z.boolean().optional(),
  replayId: z.string().min(1).max(200).optional(),
});

/** A file name per match id (ids hold `:` and whatever a room type chose). */
const fileOf = (matchId: string): string => `${createHash("sha256").update(matchId).digest("hex").slice(0, 32)}.json`;

export class ResultOutbox {
  private ready: Promise<unknown> | undefined;

  constructor(readonly dir: string) {}

  /** Write `m` durably; resolves once it would survive a crash. */
  async put(m: MatchRecord): Promise<void> {
    await (this.ready ??= mkdir(this.dir, { recursive: true }));
    const file = join(this.dir, fileOf(m.matchId));
    const tmp = `${file}.${process.pid}.tmp`;
    const handle = await open(tmp, "w", 0o600);
    try {
      // The whole record (stats, rated, replay id too): a replayed result must write what the live one would have.
      await handle.writeFile(JSON.stringify({ matchId: m.matchId, game: m.game, players: m.players, rated: m.rated, replayId: m.replayId }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    await syncFolder(this.dir);
  }

  /** The result is in the database: forget it. */
  async done(matchId: string): Promise<void> {
    await rm(join(this.dir, fileOf(matchId)), { force: true });
  }

  /** Every result still waiting, oldest write first is not promised (each is independent). */
  async pending(): Promise<MatchRecord[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith(".json"));
    } catch (e) {
      if ((e as { code?: string }).code === "ENOENT") return [];
      throw e;
    }
    const out: MatchRecord[] = [];
    for (const name of names) {
      const parsed = OutboxRecord.safeParse(JSON.parse(await readFile(join(this.dir, name), "utf8").catch(() => "null")));
      if (parsed.success) out.push(parsed.data);
      else log.error("outbox file unreadable; left in place", { file: name });
    }
    return out;
  }
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * `sink` behind the outbox: each result is in the outbox before its transaction and leaves it
 * after the commit. MatchResults retries through this, so a retry rewrites the same file.
 */
export function durableSink(sink: ResultSink, outbox: ResultOutbox): ResultSink {
  return {
    async recordMatch(m) {
      await outbox.put(m);
      const outcome = await sink.recordMatch(m);
      await outbox.done(m.matchId);
      return outcome;
    },
  };
}

/** At start: write what a previous run left in the outbox. Resolves with how many were written and how many stay. */
export async function replayOutbox(sink: ResultSink, outbox: ResultOutbox): Promise<{ recorded: number; duplicate: number; left: number }> {
  const counts = { recorded: 0, duplicate: 0, left: 0 };
  for (const m of await outbox.pending()) {
    try {
      counts[await sink.recordMatch(m)]++;
      await outbox.done(m.matchId);
    } catch (e) {
      counts.left++;
      log.error("outbox result not written; kept for the next start", { match: m.matchId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (counts.recorded + counts.duplicate + counts.left > 0) log.info("outbox replayed", counts);
  return counts;
}

/** The host's result sink: `sink` made durable in DATA_DIR/outbox, with what a previous run left written now (beside the start). */
export function resultsWithOutbox(sink: ResultSink, dataDir: string): ResultSink {
  const outbox = new ResultOutbox(join(dataDir, "outbox"));
  void replayOutbox(sink, outbox).catch((e: unknown) => log.error("outbox not replayed", { error: e instanceof Error ? e.message : String(e) }));
  return durableSink(sink, outbox);
}
