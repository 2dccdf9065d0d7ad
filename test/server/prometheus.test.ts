import { describe, expect, it } from "vitest";
import { Counter, gauge, PromHistogram } from "../../server/metrics/prometheus.ts";

describe("Prometheus text format", () => {
  it("renders counters per label set, escaping label values", () => {
    const c = new Counter("x_total", "Things.");
    c.inc({ reason: 'a"b\\c' });
    c.inc({ reason: 'a"b\\c' }, 2);
    c.child({ reason: "other" }).value += 5;
    expect(c.render()).toBe(['# HELP x_total Things.', "# TYPE x_total counter", 'x_total{reason="a\\"b\\\\c"} 3', 'x_total{reason="other"} 5'].join("\n"));
  });

  it("renders cumulative histogram buckets with +Inf, sum and count", () => {
    const h = new PromHistogram("d_seconds", "Durations.", [0.1, 1]);
    for (const v of [0.05, 0.5, 2]) h.observe({ type: "arena" }, v);
    expect(h.render().split("\n").slice(2)).toEqual([
      'd_seconds_bucket{type="arena",le="0.1"} 1',
      'd_seconds_bucket{type="arena",le="1"} 2',
      'd_seconds_bucket{type="arena",le="+Inf"} 3',
      'd_seconds_sum{type="arena"} 2.55',
      'd_seconds_count{type="arena"} 3',
    ]);
  });

  it("renders gauges with and without labels", () => {
    expect(gauge("g", "G.", [[{}, 1], [{ q: "0.5" }, 2]])).toBe('# HELP g G.\n# TYPE g gauge\ng 1\ng{q="0.5"} 2');
  });
});
