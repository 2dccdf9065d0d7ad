/**
 * GET /api/replays: the newest stored replays' metadata, `?limit=` (1–100, default 20).
 * GET /api/replays/:matchId: that match's tick log (JSON, sent gzip-encoded as stored).
 * GET /api/replays/:matchId/stored: `{ stored: boolean }`, always 200 for a well-formed id: what
 * a page asks while waiting for a log to be written (a 404 would be logged as a page error).
 * Errors are `{ error, code }`: 400 replay_id_malformed / replay_query_malformed, 404
 * replay_not_found, 500 replay_corrupt (the file is damaged; nothing else is affected).
 * See docs/protocol.md, "Replays".
 */
import type { Application, Response } from "express";
import { z } from "zod";
import { ReplayError, ReplayErrorCode } from "../../../shared/replay/rules.ts";
import { log } from "../../log.ts";
import { MatchId, type ReplayStore } from "./ReplayStore.ts";

export const ReplayHttpError = {
  IdMalformed: "replay_id_malformed",
  QueryMalformed: "replay_query_malformed",
  NotFound: "replay_not_found",
  Corrupt: ReplayErrorCode.Corrupt,
  Unavailable: "replay_unavailable",
} as const;

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }, { error: "limit must be a whole number from 1 to 100" });

const fail = (res: Response, status: number, code: string, error: string) => res.status(status).json({ error, code });

export function mountReplayRoutes(app: Application, store: ReplayStore | undefined): void {
  app.get("/api/replays", async (req, res) => {
    const q = ListQuery.safeParse(req.query);
    if (!q.success) return void fail(res, 400, ReplayHttpError.QueryMalformed, "limit must be a whole number from 1 to 100");
    if (!store) return void res.json({ replays: [] });
    try {
      res.json({ replays: await store.list(q.data.limit) });
    } catch (e) {
      log.warn("replay list failed", { error: e instanceof Error ? e.message : String(e) });
      fail(res, 503, ReplayHttpError.Unavailable, "the replay list cannot be read right now");
    }
  });

  app.get("/api/replays/:matchId/stored", async (req, res) => {
    const id = MatchId.safeParse(req.params.matchId);
    if (!id.success) return void fail(res, 400, ReplayHttpError.IdMalformed, id.error.issues[0]?.message ?? "malformed replay id");
    if (!store) return void fail(res, 503, ReplayHttpError.Unavailable, "this server keeps no replays");
    try {
      res.set("Cache-Control", "no-store").json({ stored: await store.has(id.data) });
    } catch (e) {
      log.warn("replay lookup failed", { match: id.data, error: e instanceof Error ? e.message : String(e) });
      fail(res, 503, ReplayHttpError.Unavailable, "the replay cannot be looked up right now");
    }
  });

  app.get("/api/replays/:matchId", async (req, res) => {
    const id = MatchId.safeParse(req.params.matchId);
    if (!id.success) return void fail(res, 400, ReplayHttpError.IdMalformed, id.error.issues[0]?.message ?? "malformed replay id");
    try {
      const found = store && (await store.read(id.data));
      if (!found) return void fail(res, 404, ReplayHttpError.NotFound, `no replay with id ${id.data} (it may have been pruned)`);
      // Stored gzip is sent as it is: every browser and fetch() unzips Content-Encoding: gzip.
      res.set({ "Content-Type": "application/json", "Content-Encoding": "gzip", "Cache-Control": "public, max-age=3600" }).send(found.gzip);
    } catch (e) {
      if (e instanceof ReplayError) {
        log.warn("replay damaged", { match: id.data, error: e.message });
        return void fail(res, 500, e.code, e.message);
      }
      log.warn("replay read failed", { match: id.data, error: e instanceof Error ? e.message : String(e) });
      fail(res, 503, ReplayHttpError.Unavailable, "the replay cannot be read right now");
    }
  });
}
