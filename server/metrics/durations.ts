/**
 * Duration summaries over a window, computed from a prom-client histogram of the registry:
 * take a snapshot at the window's start, and at its end the difference of the cumulative
 * bucket counts is the window's own histogram (all label sets added together).
 *
 * Percentiles are estimated as Prometheus's histogram_quantile does: linear interpolation
 * inside the bucket that holds the rank, so an estimate is off by less than one bucket's
 * width (26 % with DURATION_BUCKETS). The maximum is the upper bound of the highest bucket
 * that grew, so it errs high by at most one bucket; past the last bound it is that bound.
 */
import { registry } from "./registry.ts";

export interface DurationSummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Cumulative bucket counts by upper bound in seconds (+Inf included), with sum and count. */
export interface HistogramSnapshot {
  buckets: Map<number, number>;
  sum: number;
  count: number;
}

/** The histogram `name` now, all its label sets added together. */
export async function snapshotHistogram(name: string): Promise<HistogramSnapshot> {
  const metric = registry.getSingleMetric(name);
  const snap: HistogramSnapshot = { buckets: new Map(), sum: 0, count: 0 };
  if (!metric) return snap;
  // A histogram's values carry the series they belong to (_bucket, _sum, _count) as metricName.
  for (const v of (await metric.get()).values as Array<{ metricName?: string; labels: Record<string, string | number>; value: number }>) {
    if (v.metricName === `${name}_bucket`) {
      const le = v.labels.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(v.labels.le);
      snap.buckets.set(le, (snap.buckets.get(le) ?? 0) + v.value);
    } else if (v.metricName === `${name}_sum`) snap.sum += v.value;
    else if (v.metricName === `${name}_count`) snap.count += v.value;
  }
  return snap;
}

/** What `now` holds beyond `start`. */
export function since(start: HistogramSnapshot, now: HistogramSnapshot): HistogramSnapshot {
  const buckets = new Map<number, number>();
  for (const [le, n] of now.buckets) buckets.set(le, n - (start.buckets.get(le) ?? 0));
  return { buckets, sum: now.sum - start.sum, count: now.count - start.count };
}

/** Count, mean, p50, p99 and maximum of a histogram in seconds, in milliseconds. */
export function summarize(h: HistogramSnapshot): DurationSummary {
  const bounds = [...h.buckets.keys()].sort((a, b) => a - b);
  const cumulative = bounds.map((le) => h.buckets.get(le)!);
  const finite = bounds.filter(Number.isFinite);
  const lastFinite = finite[finite.length - 1] ?? 0;

  const quantile = (q: number): number => {
    if (h.count <= 0) return 0;
    const rank = q * h.count;
    for (let i = 0; i < bounds.length; i++) {
      if (cumulative[i]! < rank) continue;
      if (!Number.isFinite(bounds[i]!)) return lastFinite;
      const lower = i === 0 ? 0 : bounds[i - 1]!;
      const below = i === 0 ? 0 : cumulative[i - 1]!;
      const inBucket = cumulative[i]! - below;
      return inBucket > 0 ? lower + (bounds[i]! - lower) * ((rank - below) / inBucket) : bounds[i]!;
    }
    return lastFinite;
  };

  let max = 0;
  for (let i = 0; i < bounds.length; i++) {
    const grew = cumulative[i]! - (i === 0 ? 0 : cumulative[i - 1]!);
    if (grew > 0) max = Number.isFinite(bounds[i]!) ? bounds[i]! : lastFinite;
  }
  return {
    count: h.count,
    meanMs: h.count > 0 ? (h.sum / h.count) * 1000 : 0,
    p50Ms: quantile(0.5) * 1000,
    p99Ms: quantile(0.99) * 1000,
    maxMs: max * 1000,
  };
}
