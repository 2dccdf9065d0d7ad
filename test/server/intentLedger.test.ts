/**
 * The intent ledger pairs each consumed intent with the instant its frame arrived, and finds a
 * standing backlog (every tick of a window found more waiting than steady state leaves).
 */
import { describe, expect, it } from "vitest";
import { BACKLOG_WINDOW_TICKS, IntentLedger, STEADY_DEPTH } from "../../server/net/IntentLedger.ts";

/** A fake input buffer with Colyseus's two counters, and a one-intent-per-tick consumer. */
function buffer(cap = 16) {
  const b = { size: 0, consumedCount: 0 };
  return {
    b,
    push(n: number) {
      b.size += n;
      const over = Math.max(0, b.size - cap);
      b.size -= over;
      b.consumedCount += over; // the cap drops the oldest, counted as consumed
    },
    take(n: number) {
      const k = Math.min(n, b.size);
      b.size -= k;
      b.consumedCount += k;
    },
  };
}

describe("IntentLedger", () => {
  it("times each intent from its frame's arrival to the tick that took it", () => {
    const ledger = new IntentLedger();
    const buf = buffer();
    const waits: number[] = [];
    buf.push(2);
    ledger.arrived("a", buf.b.size, buf.b.consumedCount, 100);
    for (const now of [110, 143]) {
      const before = buf.b.consumedCount;
      buf.take(1);
      ledger.consumed("a", before, buf.b.consumedCount, buf.b.size, now, (ms) => waits.push(ms));
    }
    expect(waits).toEqual([10, 43]);
    expect(ledger.report("a")).toEqual({ p50: 10, max: 43, depth: 0 });
  });

  it("skips the intents the buffer's cap dropped", () => {
    const ledger = new IntentLedger();
    const buf = buffer(4);
    buf.push(3);
    ledger.arrived("a", buf.b.size, buf.b.consumedCount, 0);
    buf.push(3); // two of the first three are dropped
    ledger.arrived("a", buf.b.size, buf.b.consumedCount, 50);
    const waits: number[] = [];
    const before = buf.b.consumedCount;
    buf.take(2);
    ledger.consumed("a", before, buf.b.consumedCount, buf.b.size, 60, (ms) => waits.push(ms));
    expect(waits).toEqual([60, 10]); // the third of the first frame, then the first of the second
  });

  it("starts afresh when a reconnect brings a new buffer", () => {
    const ledger = new IntentLedger();
    ledger.arrived("a", 5, 40, 0);
    ledger.arrived("a", 1, 0, 1000); // a new buffer: 1 pushed in all
    const waits: number[] = [];
    ledger.consumed("a", 0, 1, 0, 1020, (ms) => waits.push(ms));
    expect(waits).toEqual([20]);
  });

  it("drains a standing backlog, and leaves steady state and a passing burst alone", () => {
    const ledger = new IntentLedger();
    // Steady state: depths alternate INPUT_BATCH and INPUT_BATCH - 1.
    for (let t = 0; t < BACKLOG_WINDOW_TICKS * 3; t++) expect(ledger.backlogged("s", t % 2 === 0 ? STEADY_DEPTH + 1 : STEADY_DEPTH)).toBe(false);
    // A burst that is gone within the window is no standing backlog.
    ledger.arrived("b", 0, 0, 0);
    for (let t = 0; t < BACKLOG_WINDOW_TICKS * 2; t++) expect(ledger.backlogged("b", t < 10 ? 6 : STEADY_DEPTH)).toBe(false);
    // Four more than steady state, every tick for a whole window: four extra intents, then no more.
    ledger.arrived("c", 0, 0, 0);
    let depth = STEADY_DEPTH + 4;
    let extra = 0;
    for (let t = 0; t < BACKLOG_WINDOW_TICKS * 3; t++) {
      if (ledger.backlogged("c", depth)) {
        ledger.drained("c");
        extra++;
        depth--;
      }
    }
    expect(extra).toBe(4);
    expect(depth).toBe(STEADY_DEPTH);
  });
});
