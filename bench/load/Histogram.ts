/**
 * The load generator's histogram of round-trip times in milliseconds (the server's own
 * durations are prom-client histograms, server/metrics/). Buckets are logarithmic (20 per
 * decade, about 12% wide) from 1 µs to 10 s, so recording is one log10 and an increment,
 * with no allocation: cheap enough to time every pong of every simulated client.
 */
const BUCKETS_PER_DECADE = 20;
const MIN_MS = 0.001;
const DECADES = 7; // 1 µs … 10 s
const BUCKET_COUNT = BUCKETS_PER_DECADE * DECADES + 2; // + underflow and overflow

export interface HistogramSummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export class Histogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private sum = 0;
  private max = 0;

  record(ms: number): void {
    this.counts[bucketOf(ms)]!++;
    this.total++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sum = 0;
    this.max = 0;
  }

  /**
   * The value below which `p` percent of samples fall, as the upper edge of its bucket
   * (so it errs high by at most one bucket width, never low).
   */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(upperEdge(i), this.max);
    }
    return this.max;
  }

  summary(): HistogramSummary {
    return {
      count: this.total,
      meanMs: this.total ? this.sum / this.total : 0,
      p50Ms: this.percentile(50),
      p99Ms: this.percentile(99),
      maxMs: this.max,
    };
  }
}

function bucketOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  const i = 1 + Math.floor(Math.log10(ms / MIN_MS) * BUCKETS_PER_DECADE);
  return i < BUCKET_COUNT ? i : BUCKET_COUNT - 1;
}

function upperEdge(bucket: number): number {
  if (bucket === 0) return MIN_MS;
  return MIN_MS * 10 ** (bucket / BUCKETS_PER_DECADE);
}
