/** Sequential wall-clock latency of an async step, for the single-process store benchmarks. */

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
export const ms = (n: number): string => `${n.toFixed(2)} ms`;

/** Run `run(i)` for i in 0..n-1, one after another; answers "p50 …, p99 …" (and the max with `withMax`). */
export async function timeEach(n: number, run: (i: number) => Promise<unknown>, withMax = false): Promise<string> {
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    lat.push(performance.now() - t);
  }
  lat.sort((x, y) => x - y);
  return `p50 ${ms(quantile(lat, 0.5))}, p99 ${ms(quantile(lat, 0.99))}${withMax ? `, max ${ms(lat[lat.length - 1]!)}` : ""}`;
}
