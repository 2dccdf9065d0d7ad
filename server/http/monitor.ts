import type { Application, RequestHandler } from "express";
import { monitor } from "@colyseus/monitor";
import type { AdminGuard } from "./adminAuth.ts";

/** Where the Colyseus monitor is served when MONITOR_PASSWORD is set. */
export const MONITOR_PATH = "/colyseus";

/**
 * @colyseus/monitor (list, inspect and dispose rooms, kick clients) at /colyseus, behind
 * HTTP basic auth: any user name, the password from MONITOR_PASSWORD. Not mounted at all
 * (404) when no password is set. Use it over HTTPS: basic auth sends the password in clear.
 */
export function mountMonitor(app: Application, password: string | undefined, admin: AdminGuard): void {
  if (!password) return;
  app.use(MONITOR_PATH, admin.basic(password, "Skirmish monitor", "the monitor (MONITOR_PASSWORD)"), guardRoomCalls, monitor());
}

/** The room methods the monitor's own page calls (dispose, kick, message, edit state). */
const MONITOR_METHODS: ReadonlySet<string> = new Set(["disconnect", "_forceClientDisconnect", "_sendMessageToClient", "_editStateProperty", "_deleteStateProperty"]);

/**
 * The monitor's page calls room methods with GET (`/api/room/call?method=...`), so refusing
 * GET would break its buttons. Instead: a browser request from any other site is refused by
 * Fetch Metadata (a foreign page with an Origin is refused earlier, by the access gate), and
 * only the methods the page itself calls are reachable.
 */
const guardRoomCalls: RequestHandler = (req, res, next) => {
  if (req.path !== "/api/room/call") return next();
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin") {
    res.status(403).json({ error: "monitor calls are accepted only from the monitor's own page" });
    return;
  }
  const method = String(req.query.method ?? "");
  if (!MONITOR_METHODS.has(method)) {
    res.status(400).json({ error: `the monitor may not call ${JSON.stringify(method)}` });
    return;
  }
  next();
};
