import { describe, expect, it } from "vitest";
import { Histogram } from "../../bench/load/Histogram.ts";

describe("the load generator's round-trip histogram", () => {
  it("reports percentiles within one bucket (12%), never below the true value", () => {
    const h = new Histogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 100); // 0.01 … 10 ms
    const { count, p50Ms, p99Ms, maxMs } = h.summary();
    expect(count).toBe(1000);
    expect(p50Ms).toBeGreaterThanOrEqual(5);
    expect(p50Ms).toBeLessThan(5 * 1.13);
    expect(p99Ms).toBeGreaterThanOrEqual(9.9);
    expect(p99Ms).toBeLessThanOrEqual(10);
    expect(maxMs).toBe(10);
    h.reset();
    expect(h.summary().count).toBe(0);
  });
});
