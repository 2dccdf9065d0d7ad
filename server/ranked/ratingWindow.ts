/**
 * The ranked queue's matching rule, as pure functions of rating and time waited (no clock):
 * a ticket accepts opponents within a rating window that starts at `start` and widens by
 * `widenPerSecond` for each second waited, up to `max`. Two tickets may meet when their
 * distance is within the wider of their two windows, so the longer waiter's patience is what
 * widens the search. Time is the queue's cycle count times its cycle length, so a test drives
 * the queue cycle by cycle instead of waiting on the clock.
 */

export interface WindowSettings {
  /** Rating distance a fresh ticket accepts (RANKED_WINDOW_START). */
  start: number;
  /** Added per second waited (RANKED_WINDOW_WIDEN_PER_SECOND). */
  widenPerSecond: number;
  /** The widest a window gets (RANKED_WINDOW_MAX). */
  max: number;
  /** Milliseconds per matching pass (RANKED_CYCLE_MS). */
  cycleMs: number;
}

/** A ticket as the rule sees it. */
export interface Waiting {
  rating: number;
  /** Matching passes this ticket has been through. */
  cycles: number;
}

export const secondsWaited = (cycles: number, s: WindowSettings): number => (cycles * s.cycleMs) / 1000;

/** The distance a ticket accepts after `seconds` in the queue. */
export const windowAfter = (seconds: number, s: WindowSettings): number => Math.min(s.max, s.start + s.widenPerSecond * seconds);

/** Whether `a` and `b` may be matched now. */
export function canMeet(a: Waiting, b: Waiting, s: WindowSettings): boolean {
  const seconds = secondsWaited(Math.max(a.cycles, b.cycles), s);
  return Math.abs(a.rating - b.rating) <= windowAfter(seconds, s);
}

/**
 * Seconds until `me` can meet someone already waiting (the nearest, by the widening rule), or,
 * with no one in reach, the recent matches' mean wait less what `me` has waited; null when
 * neither can say (an empty queue and no history).
 */
export function estimateSeconds(me: Waiting, others: readonly Waiting[], recentWaits: readonly number[], s: WindowSettings): number | null {
  let best = Infinity;
  for (const o of others) {
    const distance = Math.abs(me.rating - o.rating);
    if (distance > s.max) continue;
    const waited = secondsWaited(Math.max(me.cycles, o.cycles), s);
    if (distance <= windowAfter(waited, s)) return 0;
    if (s.widenPerSecond > 0) best = Math.min(best, (distance - s.start) / s.widenPerSecond - waited);
  }
  if (Number.isFinite(best)) return Math.max(0, best);
  if (recentWaits.length === 0) return null;
  const mean = recentWaits.reduce((a, b) => a + b, 0) / recentWaits.length;
  return Math.max(0, mean - secondsWaited(me.cycles, s));
}
