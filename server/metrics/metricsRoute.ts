import type { Application } from "express";
import { serverMetrics } from "./serverMetrics.ts";

/**
 * GET /metrics: the current window as JSON. POST /metrics/reset: start a new window.
 * Mounted only when the host sets METRICS=1: the reset changes what others read, and the
 * figures describe the host, so they are not for every visitor.
 */
export function mountMetrics(app: Application): void {
  app.get("/metrics", (_req, res) => {
    res.json(serverMetrics.report());
  });
  app.post("/metrics/reset", (_req, res) => {
    serverMetrics.reset();
    res.json({ ok: true });
  });
}
