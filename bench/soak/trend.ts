/**
 * Whether a series (resident memory over minutes) trends upward, judged two ways on the
 * steady part (the first fifth is warm-up: code loading, JIT, pools filling):
 * - the least-squares slope, in units per minute;
 * - the median of the last third against the median of the first third.
 * "upward" when the slope exceeds `maxSlope` per minute AND the last third sits more than
 * `maxRise` (a fraction) above the first: a leak does both, noise rarely does.
 */
export interface Trend {
  verdict: "flat" | "upward" | "too short";
  slopePerMinute: number;
  firstThirdMedian: number;
  lastThirdMedian: number;
  explanation: string;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export function judgeTrend(points: ReadonlyArray<{ x: number; y: number }>, maxSlope = 1, maxRise = 0.05): Trend {
  const steady = points.slice(Math.floor(points.length / 5));
  if (steady.length < 6) return { verdict: "too short", slopePerMinute: NaN, firstThirdMedian: NaN, lastThirdMedian: NaN, explanation: `${steady.length} steady samples; need 6` };
  const n = steady.length;
  const mx = steady.reduce((a, p) => a + p.x, 0) / n;
  const my = steady.reduce((a, p) => a + p.y, 0) / n;
  const sxy = steady.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = steady.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const third = Math.max(1, Math.floor(n / 3));
  const first = median(steady.slice(0, third).map((p) => p.y));
  const last = median(steady.slice(n - third).map((p) => p.y));
  const upward = slope > maxSlope && last > first * (1 + maxRise);
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    verdict: upward ? "upward" : "flat",
    slopePerMinute: r(slope),
    firstThirdMedian: r(first),
    lastThirdMedian: r(last),
    explanation: `slope ${r(slope)} MB/min over ${n} samples after warm-up (limit ${maxSlope}); median first third ${r(first)} MB, last third ${r(last)} MB (limit +${maxRise * 100}%)`,
  };
}
