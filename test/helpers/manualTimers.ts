/**
 * Time and timers a test moves by hand: `advance(ms)` runs, in time order, every timer due by
 * then (timers set while running included). Given to code that takes a clock, such as the
 * network conditioner, so a test can say "not yet at 99 ms, delivered at 100 ms" without
 * reading the wall clock.
 */
export interface ManualTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  advance(ms: number): void;
}

export function manualTimers(start = 1_000_000): ManualTimers {
  let t = start;
  let nextId = 0;
  const pending = new Map<number, { at: number; id: number; fn: () => void }>();
  return {
    now: () => t,
    setTimeout(fn, ms) {
      const id = nextId++;
      pending.set(id, { at: t + Math.max(0, ms), id, fn });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    advance(ms) {
      const end = t + ms;
      for (;;) {
        const due = [...pending.values()].filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        pending.delete(due.id);
        t = Math.max(t, due.at);
        due.fn();
      }
      t = end;
    },
  };
}
