import { describe, expect, it } from "vitest";
import { judgeTrend } from "../../bench/soak/trend.ts";

const series = (f: (minute: number) => number) => Array.from({ length: 40 }, (_, i) => ({ x: i / 4, y: f(i / 4) }));

describe("the soak's trend judgement", () => {
  it("calls a steady climb upward and a plateau with noise flat", () => {
    expect(judgeTrend(series((m) => 200 + 3 * m)).verdict).toBe("upward");
    expect(judgeTrend(series((m) => 200 + (m * 7919 % 5) - 2)).verdict).toBe("flat");
  });

  it("ignores the warm-up ramp and needs enough samples", () => {
    expect(judgeTrend(series((m) => (m < 1.5 ? 100 + 60 * m : 190))).verdict).toBe("flat");
    expect(judgeTrend(series((m) => m).slice(0, 5)).verdict).toBe("too short");
  });
});
