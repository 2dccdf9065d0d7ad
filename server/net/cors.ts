/**
 * CORS for every route, decided in one place (the access gate calls it for every request).
 * Colyseus's own CORS answer (every Origin echoed, with credentials, and every OPTIONS
 * answered 204 before any check) is switched off in `disableColyseusCors`.
 *
 * - A foreign origin never gets here: the gate refuses it with 403 on every route.
 * - An allowed origin gets `Access-Control-Allow-Origin: <origin>` with credentials (the SDK
 *   sends cookies-mode fetches), except on the admin routes below, which get no CORS at all.
 * - OPTIONS (a preflight) is answered here and reaches no route.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchMaker } from "colyseus";

/** Routes a page of another origin may never read, even an allowed one: the monitor and metrics. */
const NO_CORS = /^\/(colyseus|metrics)(\/|\?|$)/;

/** The CORS headers for an allowed request (empty for same-origin use and the admin routes). */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (origin === undefined || NO_CORS.test(req.url ?? "/")) return {};
  // X-Fallback-From: the fallback's answers name their first record's number (shared/fallback.ts).
  return { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", "access-control-expose-headers": "X-Fallback-From", vary: "Origin" };
}

/** Answer a preflight: the methods and headers the SDK uses, for routes that allow CORS. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const headers = corsHeaders(req);
  if (headers["access-control-allow-origin"]) {
    headers["access-control-allow-methods"] = "GET,POST,PATCH"; // PATCH: renaming the account (/api/accounts/me)
    // X-Fallback-*: the HTTP fallback transport's session headers (shared/fallback.ts).
    headers["access-control-allow-headers"] = "Content-Type, Accept, Authorization, X-Fallback-Session, X-Fallback-Secret, X-Fallback-Seq, X-Fallback-Ack";
    headers["access-control-max-age"] = "600";
  }
  res.writeHead(204, headers);
  res.end();
}

/** Colyseus adds its CORS headers to every request it sees; Skirmish's gate decides instead. */
export function disableColyseusCors(): void {
  (matchMaker.controller as { DEFAULT_CORS_HEADERS: Record<string, string> }).DEFAULT_CORS_HEADERS = {};
  matchMaker.controller.getCorsHeaders = () => ({});
}
