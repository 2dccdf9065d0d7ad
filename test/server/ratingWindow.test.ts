/** The ranked queue's matching rule (server/ranked/ratingWindow.ts): pure, time given as cycles. */
import { describe, expect, it } from "vitest";
import { canMeet, estimateSeconds, windowAfter } from "../../server/ranked/ratingWindow.ts";

const S = { start: 2, widenPerSecond: 1, max: 10, cycleMs: 500 };

describe("the rating window", () => {
  it("starts at start, widens per second waited, and stops at max", () => {
    expect(windowAfter(0, S)).toBe(2);
    expect(windowAfter(3, S)).toBe(5);
    expect(windowAfter(60, S)).toBe(10);
  });

  it("lets two tickets meet within the wider window of the two (the longer waiter's)", () => {
    // 6 cycles of 500 ms: 3 s, window 5.
    expect(canMeet({ rating: 0, cycles: 6 }, { rating: 5, cycles: 0 }, S)).toBe(true);
    expect(canMeet({ rating: 0, cycles: 6 }, { rating: 5.5, cycles: 0 }, S)).toBe(false);
    expect(canMeet({ rating: 0, cycles: 1000 }, { rating: 10.5, cycles: 1000 }, S)).toBe(false);
  });

  it("estimates the wait until the nearest ticket is in reach, else from recent matches, else not at all", () => {
    // 4 apart, both waited 1 s (window 3): one more second.
    expect(estimateSeconds({ rating: 0, cycles: 2 }, [{ rating: 4, cycles: 2 }, { rating: 9, cycles: 2 }], [], S)).toBe(1);
    expect(estimateSeconds({ rating: 0, cycles: 2 }, [{ rating: 3, cycles: 2 }], [], S)).toBe(0);
    // Out of reach for good (beyond max): the recent mean wait less the time already waited.
    expect(estimateSeconds({ rating: 0, cycles: 2 }, [{ rating: 50, cycles: 2 }], [4, 6], S)).toBe(4);
    expect(estimateSeconds({ rating: 0, cycles: 2 }, [], [], S)).toBeNull();
  });
});
