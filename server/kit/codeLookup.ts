import type { IncomingMessage } from "node:http";
import type { Application } from "express";
import { matchMaker } from "colyseus";
import { log } from "../log.ts";
import { AddressBuckets } from "../net/AddressBuckets.ts";
import { normaliseCode, privateCodes } from "./privateCodes.ts";

/** Lookups each address may make: a burst of 10, then one every 2 seconds. */
const BURST = 10;
const PER_SECOND = 0.5;

/**
 * GET /api/rooms/code/:code → { roomId, type } or 404 { error }.
 * The only way from a private code to a room id; rate-limited per address so codes
 * cannot be enumerated. Room ids themselves are long random strings.
 */
export function mountCodeLookup(app: Application, addressOf: (req: IncomingMessage) => string): void {
  const buckets = new AddressBuckets(BURST, PER_SECOND);
  app.get("/api/rooms/code/:code", async (req, res) => {
    if (!buckets.take(addressOf(req))) {
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
