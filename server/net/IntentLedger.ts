/**
 * How long each client's intents wait in the server's input buffer, and whether that buffer
 * keeps a standing backlog. Pure bookkeeping on counters Colyseus's input buffer already keeps
 * (`size` and `consumedCount`, whose sum is every intent ever pushed): the kit tells it when a
 * frame was decoded and when a tick took intents, and it pairs each consumed intent with the
 * instant it arrived.
 *
 * Why a standing backlog matters: the buffer only catches up (two intents in one tick) above
 * INPUT_CATCHUP_THRESHOLD, so a burst after a stall could leave up to that many intents queued
 * for good, each then waiting that many ticks longer than it needs to, for the rest of the
 * match. The ledger watches the smallest depth a tick found over a window: in steady state, with
 * INPUT_BATCH intents to a frame, some tick finds only INPUT_BATCH - 1 waiting; when every tick
 * of a whole window found more, the surplus is a backlog nothing will ever use, and is drained.
 */
import { INPUT_BATCH, INPUT_BUFFER_CAP, INPUT_RATE } from "../../shared/constants.ts";

/** Ticks over which the smallest depth is taken (one second). */
export const BACKLOG_WINDOW_TICKS = INPUT_RATE;
/** The least depth a tick finds in steady state: the rest of the last frame's batch. */
export const STEADY_DEPTH = INPUT_BATCH - 1;
/** Delays kept per client for its own report (two seconds of intents). */
const RECENT = INPUT_RATE * 2;

interface ClientLedger {
  /** Arrival instants of the intents pushed and not yet consumed, oldest first. */
  arrivals: number[];
  /** Push index of arrivals[0]. */
  base: number;
  /** Intents pushed so far (size + consumedCount at the last look). */
  pushed: number;
  /** Smallest depth a tick found in this window, and the ticks the window has run. */
  windowMin: number;
  windowTicks: number;
  /** Intents still to drain, from the last window that found a standing backlog. */
  drain: number;
  recent: number[];
  recentAt: number;
  lastDepth: number;
}

export interface IntentReport {
  /** Median and largest wait (ms) of this client's recent intents; 0 when none. */
  p50: number;
  max: number;
  /** Intents waiting in its buffer after the last tick. */
  depth: number;
}

export class IntentLedger {
  private readonly clients = new Map<string, ClientLedger>();

  /** A frame was decoded: the buffer now holds `size` intents and has consumed `consumed`. */
  arrived(sessionId: string, size: number, consumed: number, now: number): void {
    const c = this.ledgerOf(sessionId, size + consumed);
    const total = size + consumed;
    // The buffer holds at most INPUT_BUFFER_CAP (it drops the oldest): so does the ledger, in bulk,
    // so a flood of intents costs O(1) per frame, never a shift per dropped intent.
    const fresh = Math.min(total - c.pushed, INPUT_BUFFER_CAP);
    for (let i = 0; i < fresh; i++) c.arrivals.push(now);
    c.pushed = total;
    const over = c.arrivals.length - INPUT_BUFFER_CAP;
    if (over > 0) c.arrivals.splice(0, over);
    c.base = total - c.arrivals.length;
  }

  /**
   * A tick is about to take intents from a buffer holding `depth`: whether it should take one
   * more than usual to drain a standing backlog (the caller still asks InputPace).
   */
  backlogged(sessionId: string, depth: number): boolean {
    const c = this.clients.get(sessionId);
    if (!c) return false;
    c.windowMin = Math.min(c.windowMin, depth);
    if (++c.windowTicks >= BACKLOG_WINDOW_TICKS) {
      c.drain = Math.max(0, c.windowMin - STEADY_DEPTH);
      c.windowMin = Number.POSITIVE_INFINITY;
      c.windowTicks = 0;
    }
    return c.drain > 0 && depth > STEADY_DEPTH;
  }

  /** The catch-up intent was taken: one fewer to drain. */
  drained(sessionId: string): void {
    const c = this.clients.get(sessionId);
    if (c && c.drain > 0) c.drain--;
  }

  /**
   * A tick took intents: the buffer's consumed count went from `before` to `after` (the ones
   * before `before` that are still listed were dropped by the buffer's cap). Calls `waited`
   * with each consumed intent's wait in ms.
   */
  consumed(sessionId: string, before: number, after: number, depth: number, now: number, waited: (ms: number) => void): void {
    const c = this.clients.get(sessionId);
    if (!c) return;
    c.lastDepth = depth;
    if (c.base < before) {
      c.arrivals.splice(0, before - c.base);
      c.base = before;
    }
    for (let i = before; i < after; i++) {
      const at = c.arrivals.shift();
      c.base++;
      if (at === undefined) continue;
      const ms = now - at;
      waited(ms);
      if (c.recent.length < RECENT) c.recent.push(ms);
      else c.recent[c.recentAt] = ms;
      c.recentAt = (c.recentAt + 1) % RECENT;
    }
  }

  /** This client's recent intent delay and its buffer's depth. */
  report(sessionId: string): IntentReport {
    const c = this.clients.get(sessionId);
    if (!c || c.recent.length === 0) return { p50: 0, max: 0, depth: c?.lastDepth ?? 0 };
    const sorted = [...c.recent].sort((a, b) => a - b);
    return { p50: round1(sorted[Math.floor((sorted.length - 1) / 2)]!), max: round1(sorted[sorted.length - 1]!), depth: c.lastDepth };
  }

  forget(sessionId: string): void {
    this.clients.delete(sessionId);
  }

  /** The client's ledger; started afresh when its buffer was (a reconnect allocates a new one). */
  private ledgerOf(sessionId: string, total: number): ClientLedger {
    let c = this.clients.get(sessionId);
    if (!c || total < c.pushed) {
      c = { arrivals: [], base: 0, pushed: 0, windowMin: Number.POSITIVE_INFINITY, windowTicks: 0, drain: 0, recent: [], recentAt: 0, lastDepth: 0 };
      this.clients.set(sessionId, c);
    }
    return c;
  }
}

const round1 = (ms: number): number => Math.round(ms * 10) / 10;
