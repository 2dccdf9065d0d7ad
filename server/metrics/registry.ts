/**
 * The process's one metrics registry (prom-client). Everything that counts or times goes
 * here: GET /metrics renders it, and the benchmark's window (serverMetrics.ts) is computed
 * from the same series. Process CPU, memory, heap, GC and event-loop delay come from
 * prom-client's default collectors, so there is one event-loop monitor in the process.
 */
import { collectDefaultMetrics, Counter, Registry } from "prom-client";

export const registry = new Registry();

/**
 * Period of the event-loop delay timer (prom-client's monitorEventLoopDelay). Node records
 * each timer period as a sample, so an idle loop reads this value: readers subtract it.
 */
export const LAG_PRECISION_MS = 5;

collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: LAG_PRECISION_MS });

/** The default collector whose read also reads (and restarts) the event-loop delay histogram. */
export const EVENT_LOOP_LAG = "nodejs_eventloop_lag_seconds";

/** One value of a series in the registry (its first one when `labels` is empty), 0 when absent. */
export async function readValue(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  const keys = Object.keys(labels);
  const hit = values.find((v) => keys.every((k) => String(v.labels[k]) === labels[k]));
  return hit?.value ?? 0;
}

/**
 * A counter for hot paths: `series(labels).n++` is a plain addition, added into the
 * prom-client counter when the registry is read (its collect), so a frame costs no label
 * hashing. Every reader goes through the registry, so every reader sees the flushed value.
 */
export function batchedCounter(name: string, help: string, labelNames: readonly string[]) {
  const pending = new Map<string, { labels: Record<string, string>; n: number }>();
  const counter = new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      for (const p of pending.values()) {
        if (p.n > 0) this.inc(p.labels, p.n);
        p.n = 0;
      }
    },
  });
  return {
    counter,
    /** The accumulator for one label set; keep it, it is the same object on every call. */
    series(labels: Record<string, string>): { n: number } {
      const key = labelNames.map((l) => labels[l] ?? "").join("\u0000");
      let p = pending.get(key);
      if (!p) {
        p = { labels, n: 0 };
        pending.set(key, p);
        counter.inc(labels, 0); // the series shows (at 0) from its first use
      }
      return p;
    },
  };
}
