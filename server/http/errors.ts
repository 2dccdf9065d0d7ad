/**
 * The last express handler: any error a route or express itself throws (a bad percent-escape
 * in a path parameter, a body that fails to parse) is answered with a short JSON error and
 * logged as one structured line, never a stack trace to the client or a multi-line stack to
 * stderr. Lines are rate-limited per address (1st, 2nd, 4th, 8th...).
 */
import type { IncomingMessage } from "node:http";
import type { ErrorRequestHandler } from "express";
import { LRUCache } from "lru-cache";
import { log } from "../log.ts";
import { MAX_TRACKED_ADDRESSES } from "../net/AddressBuckets.ts";

export function errorHandler(addressOf: (req: IncomingMessage) => string): ErrorRequestHandler {
  const seen = new LRUCache<string, number>({ max: MAX_TRACKED_ADDRESSES });
  return (err: unknown, req, res, _next) => {
    const e = err as { status?: unknown; statusCode?: unknown; message?: unknown; name?: unknown };
    const given = Number(e.status ?? e.statusCode);
    const status = Number.isInteger(given) && given >= 400 && given < 600 ? given : 500;
    const ip = addressOf(req);
    const n = (seen.get(ip) ?? 0) + 1;
    seen.set(ip, n);
    if ((n & (n - 1)) === 0) log.warn("request failed", { ip, method: req.method, status, error: String(e.name ?? "Error"), detail: String(e.message ?? "").slice(0, 200), count: n });
    if (res.headersSent) return;
    res.status(status).json({ error: status < 500 ? "bad request: the path or body could not be read" : "the server could not answer that request" });
  };
}
