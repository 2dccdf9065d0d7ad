/**
 * The kit's intent-latency bookkeeping for a ticking room: times every intent from the frame
 * that brought it to the tick that applies it (/metrics, and each client's own figure in its
 * net report), samples the buffer's depth, and says when a standing backlog should be drained.
 * KitRoom calls it from its tick; the logic is in server/net/IntentLedger.ts.
 */
import { Protocol, type Client, type Room } from "colyseus";
import { frameEntry } from "../net/frameEntry.ts";
import { IntentLedger, type IntentReport } from "../net/IntentLedger.ts";
import { intentSeries, type IntentSeries } from "../metrics/intentMetrics.ts";

/** The part of Colyseus's per-client input accessor read here. */
export interface BufferCounters {
  readonly size: number;
  readonly consumedCount: number;
}

/** Colyseus's PROTOCOL_CODE_MASK: the low five bits of a frame's first byte are its code. */
const CODE_MASK = 0b11111;
const INPUT_CODES: ReadonlySet<number> = new Set([Protocol.ROOM_INPUT_RELIABLE, Protocol.ROOM_INPUT_UNRELIABLE]);

export class IntentLatency {
  private readonly ledger = new IntentLedger();
  private series: IntentSeries | undefined;

  constructor(
    private readonly room: Room,
    private readonly bufferOf: (sessionId: string) => BufferCounters,
    private readonly now: () => number = () => performance.now(),
  ) {
    frameEntry(room).observeWith((client, buffer) => {
      if (!buffer || !INPUT_CODES.has(buffer[0]! & CODE_MASK)) return;
      const b = this.bufferOf(client.sessionId);
      this.ledger.arrived(client.sessionId, b.size, b.consumedCount, this.now());
    });
  }

  /**
   * Take this tick's intents for one client through `take` (which consumes `extra ? 2 : 1`
   * from the buffer), timing each. `catchUp` is the caller's own reason for an extra intent
   * (a large backlog); `pace` is asked before any extra one is taken.
   */
  take<T>(client: Client, catchUp: boolean, pace: () => boolean, take: (extra: boolean) => T): T {
    const id = client.sessionId;
    const buffer = this.bufferOf(id);
    const depth = buffer.size;
    const series = (this.series ??= intentSeries(this.room.roomName));
    series.depth.observe(depth);
    const backlog = this.ledger.backlogged(id, depth);
    const extra = (catchUp || backlog) && pace();
    if (extra && backlog && !catchUp) {
      this.ledger.drained(id);
      series.drained.inc();
    }
    const before = buffer.consumedCount;
    const out = take(extra);
    this.ledger.consumed(id, before, buffer.consumedCount, buffer.size, this.now(), (ms) => series.delay.observe(ms / 1000));
    return out;
  }

  report(sessionId: string): IntentReport {
    return this.ledger.report(sessionId);
  }

  forget(sessionId: string): void {
    this.ledger.forget(sessionId);
  }
}
