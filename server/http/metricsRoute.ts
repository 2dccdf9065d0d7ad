import type { Application } from "express";
import { bearerToken, secretMatches } from "./secrets.ts";
import { hostMetrics } from "../metrics/hostMetrics.ts";
import { serverMetrics } from "../metrics/serverMetrics.ts";

/**
 * GET /metrics: Prometheus text format (the one registry, hostMetrics.ts), always served. It holds counts and
 * timings only, no ids or names; but it does tell anyone how busy the host is, so with
 * METRICS_TOKEN set it answers only `Authorization: Bearer <token>` (401 otherwise).
 */
export function mountPrometheus(app: Application, token: string | undefined): void {
  app.get("/metrics", (req, res) => {
    if (token && !secretMatches(bearerToken(req.headers.authorization), token)) {
      res.status(401).json({ error: "GET /metrics needs Authorization: Bearer <METRICS_TOKEN>" });
      return;
    }
    hostMetrics.render().then(
      (text) => res.type(hostMetrics.contentType).send(text),
      () => res.status(500).json({ error: "metrics could not be collected" }),
    );
  });
}

/**
 * GET /metrics/window: the current window as JSON. POST /metrics/reset: start a new window.
 * Mounted only when the host sets METRICS=1: the reset changes what others read, and the
 * figures describe the host, so they are not for every visitor. The load benchmark reads it.
 */
export function mountMetricsWindow(app: Application): void {
  app.get("/metrics/window", (_req, res) => {
    serverMetrics.report().then(
      (report) => res.json(report),
      () => res.status(500).json({ error: "metrics could not be collected" }),
    );
  });
  app.post("/metrics/reset", (_req, res) => {
    serverMetrics.reset().then(
      () => res.json({ ok: true }),
      () => res.status(500).json({ error: "metrics could not be collected" }),
    );
  });
}
