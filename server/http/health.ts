import type { Application } from "express";
import { matchMaker } from "colyseus";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";
import type { RedisStatus } from "../hosting/redis.ts";
import { lifecycle } from "../lifecycle.ts";
import { hostMetrics } from "../metrics/hostMetrics.ts";

/**
 * GET /health: this process, for a load balancer or an orchestrator. 200 while it can take
 * players; 503 while it drains (SIGTERM) or while its Redis is unreachable, so a balancer
 * sends new players elsewhere. The body is the same either way:
 * { ok, protocol, processId, draining, redis, rooms, clients, byType: { arena: { rooms, clients } } }.
 */
export function mountHealth(app: Application, redis: () => RedisStatus): void {
  app.get("/health", (_req, res) => {
    const byType = Object.fromEntries(hostMetrics.roomsByType());
    let rooms = 0;
    let clients = 0;
    for (const t of Object.values(byType)) {
      rooms += t.rooms;
      clients += t.clients;
    }
    const status = redis();
    const ok = !lifecycle.draining && status !== "down";
    res.status(ok ? 200 : 503).json({ ok, protocol: PROTOCOL_VERSION, processId: matchMaker.processId, draining: lifecycle.draining, redis: status, rooms, clients, byType });
  });
}
