import type { Application, Request } from "express";
import { TokenBucket } from "./TokenBucket.ts";
import { privateCodes } from "./privateCodes.ts";

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
  app.get("/api/rooms/code/:code", (req, res) => {
    if (!bucketFor(req).take()) {
      res.status(429).json({ error: "too many room-code lookups; wait a few seconds and try again" });
      return;
    }
    const entry = privateCodes.resolve(String(req.params.code ?? ""));
    if (!entry) {
      res.status(404).json({ error: "no open room has that code; it may have closed" });
      return;
    }
    res.json(entry);
  });
}
