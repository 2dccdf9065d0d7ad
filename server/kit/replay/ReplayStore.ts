/**
 * Tick logs on disk: `DATA_DIR/replays/<matchId>.replay.gz` (the log, gzip) beside
 * `<matchId>.json` (its metadata: the list route reads only these). Both are written to a
 * temporary name and renamed, so a reader never sees half a file; the metadata goes last,
 * so a listed replay always has its log. Retention (count and age) prunes the oldest after
 * every save. Nothing here runs on a room's tick: a room hands its log over as it closes.
 */
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable, Writable } from "node:stream";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { createGunzip, createGzip } from "node:zlib";
import { z } from "zod";
import type { Json, ReplayLog } from "../../../shared/replay/format.ts";
import { ReplayError, ReplayErrorCode } from "../../../shared/replay/rules.ts";
import { log as logger } from "../../log.ts";

/** How every stored log begins (serialise below): what the integrity check looks for. */
const LOG_START = '{"header":{"format":';

/** A match id as the routes accept it: a Colyseus room id (or anything as tame). */
export const MatchId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a replay id is 1 to 64 letters, digits, '-' or '_'");

export const ReplayMeta = z.object({
  matchId: MatchId,
  roomType: z.string(),
  rulesVersion: z.int(),
  players: z.array(z.string()),
  /** ISO 8601. */
  startedAt: z.string(),
  durationMs: z.number(),
  truncated: z.boolean(),
  result: z.custom<Json>(),
  /** Size of the compressed log. */
  bytes: z.int(),
});
export type ReplayMeta = z.infer<typeof ReplayMeta>;

export interface Retention {
  maxCount: number;
  maxAgeDays: number;
}

/** Entries serialised between yields to the event loop, so a long log never stalls other rooms. */
const ENTRIES_PER_SLICE = 2000;
const DAY_MS = 86_400_000;

/**
 * Where the metadata is also kept when the accounts database exists (server/store/replayIndex.ts):
 * written at save, listed from, deleted at prune. The sidecars stay the record of last resort: a
 * log saved without a row (before the database, or while it was down) is still listed.
 */
export interface ReplayListing {
  put(meta: ReplayMeta): Promise<void>;
  list(limit: number): Promise<ReplayMeta[]>;
  remove(matchIds: readonly string[]): Promise<void>;
}

export class ReplayStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly retention: Retention,
    private readonly now: () => number = Date.now,
    private readonly index?: ReplayListing,
  ) {
    this.dir = join(dataDir, "replays");
  }

  /** Compress and store one log with its metadata, then prune. Resolves with the metadata. */
  async save(log: ReplayLog, players: readonly string[]): Promise<ReplayMeta> {
    const id = MatchId.parse(log.header.matchId);
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${id}.${process.pid}.${this.now()}.tmp`);
    const out = createWriteStream(tmp);
    await pipeline(Readable.from(serialise(log)), createGzip(), out);
    await rename(tmp, this.logPath(id));
    const meta: ReplayMeta = {
      matchId: id,
      roomType: log.header.roomType,
      rulesVersion: log.header.rulesVersion,
      players: [...players],
      startedAt: new Date(log.header.startedAt).toISOString(),
      durationMs: log.end.durationMs,
      truncated: log.end.truncated,
      result: log.end.result,
      bytes: out.bytesWritten,
    };
    await writeAtomically(this.metaPath(id), JSON.stringify(meta));
    // The row after the sidecar: if the database refuses it, the sidecar still lists the log.
    await this.index?.put(meta).catch((e: unknown) => logger.warn("replay metadata not written to the database; its sidecar lists it", { match: id, error: e instanceof Error ? e.message : String(e) }));
    await this.prune();
    return meta;
  }

  /**
   * The newest first, at most `limit`; an unreadable sidecar is skipped, not fatal. With a
   * database, its rows, joined by any sidecar that has none (the database's rows win).
   */
  async list(limit: number): Promise<ReplayMeta[]> {
    if (!this.index) return (await this.allMeta()).slice(0, limit);
    const rows = await this.index.list(limit);
    const listed = new Set(rows.map((m) => m.matchId));
    return [...rows, ...(await this.allMeta()).filter((m) => !listed.has(m.matchId))].sort(newestFirst).slice(0, limit);
  }

  /**
   * The stored gzip bytes of a log, checked: it must unzip to the end (gzip's CRC and length
   * catch truncation and damage) and begin as a log does. The unzipping streams through
   * zlib's thread pool keeping only the first bytes, and nothing is parsed on the event loop,
   * so a long log costs the rooms nothing; the viewer validates the JSON itself.
   * Undefined when there is none; ReplayError(Corrupt) when it is damaged.
   */
  /** Whether a log of this match is stored (its file exists; not read). */
  async has(matchId: string): Promise<boolean> {
    const id = MatchId.parse(matchId);
    try {
      await stat(this.logPath(id));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw e;
    }
  }

  async read(matchId: string): Promise<{ gzip: Buffer } | undefined> {
    const id = MatchId.parse(matchId);
    let gzip: Buffer;
    try {
      gzip = await readFile(this.logPath(id));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    let start: string;
    try {
      start = await unzippedStart(gzip, LOG_START.length);
    } catch {
      throw new ReplayError(ReplayErrorCode.Corrupt, `the stored replay ${id} is damaged (truncated or not gzip) and cannot be read`);
    }
    if (start !== LOG_START) throw new ReplayError(ReplayErrorCode.Corrupt, `the stored replay ${id} is damaged (not a tick log) and cannot be read`);
    return { gzip };
  }

  /** Keep the newest `maxCount` logs, none older than `maxAgeDays`. */
  async prune(): Promise<string[]> {
    const all = await this.allMeta();
    const oldest = this.now() - this.retention.maxAgeDays * DAY_MS;
    const doomed = all.filter((m, i) => i >= this.retention.maxCount || Date.parse(m.startedAt) + m.durationMs < oldest);
    for (const m of doomed) await this.remove(m.matchId);
    const ids = doomed.map((m) => m.matchId);
    await this.index?.remove(ids).catch((e: unknown) => logger.warn("pruned replays' rows not deleted", { error: e instanceof Error ? e.message : String(e) }));
    return ids;
  }

  private async remove(id: string): Promise<void> {
    // The sidecar first: the list never shows a replay whose log is gone.
    await rm(this.metaPath(id), { force: true });
    await rm(this.logPath(id), { force: true });
  }

  private async allMeta(): Promise<ReplayMeta[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    const out: ReplayMeta[] = [];
    for (const name of names) {
      if (!name.endsWith(".json") || name.startsWith(".")) continue;
      const meta = await readFile(join(this.dir, name), "utf8")
        .then((t) => ReplayMeta.safeParse(JSON.parse(t)))
        .catch(() => undefined);
      if (meta?.success) out.push(meta.data);
    }
    return out.sort(newestFirst);
  }

  private logPath(id: string): string {
    return join(this.dir, `${id}.replay.gz`);
  }

  private metaPath(id: string): string {
    return join(this.dir, `${id}.json`);
  }
}

function newestFirst(a: ReplayMeta, b: ReplayMeta): number {
  return Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.matchId < b.matchId ? 1 : -1);
}

/** Unzip all of `gzip` (so its CRC is checked), keeping only the first `n` characters. */
async function unzippedStart(gzip: Buffer, n: number): Promise<string> {
  let head = "";
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (head.length < n) head += chunk.toString("latin1", 0, Math.min(chunk.length, n - head.length));
      done();
    },
  });
  await pipeline(Readable.from([gzip]), createGunzip(), sink);
  return head;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/** The log as JSON text, its long arrays in slices, yielding to the event loop between them. */
async function* serialise(log: ReplayLog): AsyncGenerator<string> {
  // The header first, its format first: LOG_START is what read() checks.
  const { format, ...header } = log.header;
  yield `{"header":${JSON.stringify({ format, ...header })},"end":${JSON.stringify(log.end)}`;
  for (const key of ["checksums", "keyframes", "entries"] as const) {
    const items: readonly unknown[] = log[key];
    yield `,"${key}":[`;
    for (let i = 0; i < items.length; i += ENTRIES_PER_SLICE) {
      yield (i > 0 ? "," : "") + items.slice(i, i + ENTRIES_PER_SLICE).map((e) => JSON.stringify(e)).join(",");
      await yieldToLoop();
    }
    yield "]";
  }
  yield "}";
}
