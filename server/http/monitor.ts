import type { Application, RequestHandler } from "express";
import { monitor } from "@colyseus/monitor";
import { basicPassword, secretMatches } from "./secrets.ts";

/** Where the Colyseus monitor is served when MONITOR_PASSWORD is set. */
export const MONITOR_PATH = "/colyseus";

/**
 * @colyseus/monitor (list, inspect and dispose rooms, kick clients) at /colyseus, behind
 * HTTP basic auth: any user name, the password from MONITOR_PASSWORD. Not mounted at all
 * (404) when no password is set. Use it over HTTPS: basic auth sends the password in clear.
 */
export function mountMonitor(app: Application, password: string | undefined): void {
  if (!password) return;
  app.use(MONITOR_PATH, requirePassword(password), monitor());
}

function requirePassword(password: string): RequestHandler {
  return (req, res, next) => {
    if (secretMatches(basicPassword(req.headers.authorization), password)) return next();
    res.setHeader("WWW-Authenticate", 'Basic realm="Skirmish monitor", charset="UTF-8"');
    res.status(401).json({ error: "the monitor needs the password (MONITOR_PASSWORD)" });
  };
}
