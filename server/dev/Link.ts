/**
 * One direction of one conditioned connection (server/dev/NetConditioner.ts): a queue of
 * chunks released in order, each at the time the network model gives it.
 */
import type { Socket } from "node:net";
import type { Rng } from "../../shared/rng.ts";
import { MAX_BURST_LOSSES, TCP_RTO_MIN_MS, type LinkConditions } from "./netPresets.ts";

/** What the conditioner needs of time. */
export interface ConditionerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: ConditionerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Bytes queued in one direction before the sender is paused, as a full TCP window would. */
const QUEUE_HIGH_WATER = 4 * 1024 * 1024;

type Item = { at: number; data: Buffer } | { at: number; end: true };

/** One direction of one connection: a queue released in order, each chunk at its own time. */
export class Link {
  private readonly queue: Item[] = [];
  private timer: unknown;
  private lastAt = 0;
  private wireFreeAt = 0;
  private stallUntil = 0;
  private queuedBytes = 0;

  constructor(
    private readonly rng: Rng,
    private readonly conditions: () => { own: LinkConditions; back: LinkConditions },
    private readonly pausedUntil: () => number,
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly onStall: () => void,
    private readonly onDeliver: (bytes: number) => void,
    private readonly clock: ConditionerClock,
  ) {}

  push(data: Buffer): void {
    const now = this.clock.now();
    const { own, back } = this.conditions();
    // Serialisation at the capped rate: a chunk leaves once the one before it has.
    const sendMs = own.kbps > 0 ? (data.length * 8) / own.kbps : 0;
    this.wireFreeAt = Math.max(this.wireFreeAt, now) + sendMs;
    let at = Math.max(this.lastAt, this.wireFreeAt + own.latencyMs + this.rng.next() * own.jitterMs);
    if (own.loss > 0 && this.rng.next() < own.loss) {
      // Lost: resent after a retransmission timeout (RTT plus four times the jitter, at least
      // Linux's minimum), doubling for each further loss in the burst. Everything after waits.
      const rto = Math.max(TCP_RTO_MIN_MS, own.latencyMs + back.latencyMs + 4 * Math.max(own.jitterMs, back.jitterMs));
      const losses = Math.min(MAX_BURST_LOSSES, burstLength(this.rng, own.lossBurst));
      this.stallUntil = Math.max(this.stallUntil, at + rto * (2 ** losses - 1));
      this.onStall();
    }
    at = Math.max(at, this.stallUntil);
    this.lastAt = at;
    this.enqueue({ at, data });
    this.queuedBytes += data.length;
    if (this.queuedBytes > QUEUE_HIGH_WATER) this.from.pause();
  }

  /** The sender finished: pass its FIN on once everything before it is delivered. */
  end(): void {
    this.enqueue({ at: this.lastAt, end: true });
  }

  /** Re-check the head (a stall began or ended). */
  kick(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.flush();
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private enqueue(item: Item): void {
    this.queue.push(item);
    if (!this.timer) this.flush();
  }

  private flush(): void {
    this.timer = undefined;
    const now = this.clock.now();
    const release = Math.max(now, this.pausedUntil());
    while (this.queue.length > 0 && this.queue[0]!.at <= now && release <= now) {
      const item = this.queue.shift()!;
      if ("end" in item) {
        this.to.end();
        continue;
      }
      this.queuedBytes -= item.data.length;
      if (!this.to.destroyed) this.to.write(item.data);
      this.onDeliver(item.data.length);
    }
    if (this.queuedBytes <= QUEUE_HIGH_WATER / 2 && this.from.isPaused()) this.from.resume();
    if (this.queue.length > 0) this.timer = this.clock.setTimeout(() => this.flush(), Math.max(this.queue[0]!.at, release) - now);
  }
}

/** Losses in one burst: geometric with the given mean (1: always one). */
function burstLength(rng: Rng, mean: number): number {
  if (mean <= 1) return 1;
  const more = 1 - 1 / mean;
  let n = 1;
  while (n < MAX_BURST_LOSSES && rng.next() < more) n++;
  return n;
}

