/**
 * The HTTP fallback on the one metrics registry (server/metrics/registry.ts): how many fallback
 * sessions are open, and its refusals by HTTP status (each one a client's bad or abusive request).
 */
import { Counter, Gauge } from "prom-client";
import { registry } from "../../metrics/registry.ts";

const tables = new Set<{ readonly size: number }>();

new Gauge({
  name: "skirmish_fallback_sessions",
  help: "Open HTTP fallback sessions (clients on the fallback transport, and closed ones still answering their last poll).",
  registers: [registry],
  collect() {
    let n = 0;
    for (const t of tables) n += t.size;
    this.set(n);
  },
});

const refused = new Counter({ name: "skirmish_fallback_refused_total", help: "HTTP fallback requests refused, by HTTP status.", labelNames: ["status"], registers: [registry] });

/** Count a session table in the gauge for as long as the process runs. */
export function countSessions(table: { readonly size: number }): void {
  tables.add(table);
}

export function countRefusal(status: number): void {
  refused.inc({ status: String(status) });
}
