import type { Application, Request } from "express";
import { matchMaker } from "colyseus";
import { log } from "../log.ts";
import { TokenBucket } from "../net/TokenBucket.ts";
import { normaliseCode, privateCodes } from "./privateCodes.ts";

/** Lookups each address may make: a burst of 10, then one every 2 seconds. */
const BURST = 10;
const PER_SECOND = 0.5;
/** Forget quiet addresses so the table cannot grow without bound. */
const MAX_TRACKED = 10_000;

/**
 * GET /api/rooms/code/:code → { roomId, type } or 404 { error }.
 * The only way from a private code to a room id; rate-limited per address so codes
 * cannot be enumerated. Room ids themselves are long random strings.
 */
export function mountCodeLookup(app: Application): void {
  const buckets = new Map<string, TokenBucket>();
  const bucketFor = (req: Request): TokenBucket => {
    const key = req.ip ?? req.socket.remoteAddress ?? "unknown";
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= MAX_TRACKED) buckets.clear();
      b = new TokenBucket(BURST, PER_SECOND, () => performance.now());
      buckets.set(key, b);
    }
    return b;
  };
  app.get("/api/rooms/code/:code", async (req, res) => {
    if (!bucketFor(req).take()) {
      res.status(429).json({ error: "too many room-code lookups; wait a few seconds and try again" });
      return;
    }
    try {
      const code = normaliseCode(String(req.params.code ?? ""));
      const entry = code ? await privateCodes.resolve(code) : undefined;
      if (entry && (await matchMaker.getRoomById(entry.roomId))) {
        res.json(entry);
        return;
      }
      // A code whose room is gone (its process died without releasing it) is dropped here.
      if (code && entry) await privateCodes.release(code);
      res.status(404).json({ error: "no open room has that code; it may have closed" });
    } catch (e) {
      log.error("room-code lookup failed", { error: e instanceof Error ? e.message : String(e) });
      res.status(503).json({ error: "room codes are unavailable right now; try again shortly" });
    }
  });
}
