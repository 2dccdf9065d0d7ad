import type { Room } from "@colyseus/sdk";
import { RateCounter } from "./RateCounter.ts";

export interface NetStatsSnapshot {
  rttMs: number;
  serverTick: number;
  patchesPerSecond: number;
  bytesInPerSecond: number;
  correctionsPerSecond: number;
}

/**
 * The debug overlay's numbers. Patches are counted from state changes, bytes by
 * wrapping the connection's message handler (re-wrapped if a reconnect replaces it).
 */
export class NetStats {
  readonly patches = new RateCounter();
  readonly bytesIn = new RateCounter();
  readonly corrections = new RateCounter();
  private wrapped: ((ev: MessageEvent) => void) | undefined;

  constructor(private readonly room: Room) {
    room.onStateChange(() => this.patches.add());
    this.wrapConnection();
  }

  /** Make sure incoming bytes are being counted; cheap to call every frame. */
  wrapConnection(): void {
    const events = this.room.connection.events as { onmessage?: (ev: MessageEvent) => void };
    const inner = events.onmessage;
    if (!inner || inner === this.wrapped) return;
    this.wrapped = (ev: MessageEvent) => {
      const data = ev.data as ArrayBuffer | Uint8Array | string;
      this.bytesIn.add(typeof data === "string" ? data.length : data.byteLength);
      inner(ev);
    };
    events.onmessage = this.wrapped;
  }

  snapshot(serverTick: number): NetStatsSnapshot {
    return {
      rttMs: Math.round(this.room.clock.smoothedRtt()),
      serverTick,
      patchesPerSecond: this.patches.perSecond,
      bytesInPerSecond: this.bytesIn.perSecond,
      correctionsPerSecond: this.corrections.perSecond,
    };
  }
}
