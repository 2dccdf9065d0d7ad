import type { Room } from "@colyseus/sdk";
import { PATCH_INTERVAL_MS } from "../../shared/constants.ts";
import type { NetReportMessage } from "../../shared/protocol.ts";
import { RateCounter } from "./RateCounter.ts";

/** How often the page measures its own round trip (a Colyseus protocol ping, answered by the server's socket at once). */
const PING_EVERY_MS = 1000;
/** A gap between two patches longer than this is a stall (the server sends one every PATCH_INTERVAL_MS). */
export const STALL_GAP_MS = PATCH_INTERVAL_MS * 3;
/** A correction of the own player by at least this many px is visible (less is wire rounding). */
export const VISIBLE_CORRECTION_PX = 1;
const MINUTE_MS = 60_000;

export interface NetStatsSnapshot {
  /** The page's round trip to the server (protocol ping), ms. */
  rttMs: number;
  /** The server's own measure of this client's round trip (its Ping to our Pong), ms. */
  serverRttMs: number;
  /**
   * The SDK's `clock.smoothedRtt()`: from an intent's send() to the state frame that acks it.
   * Not the network: it adds the batch hold, the wait in the server's buffer and for the next patch.
   */
  intentAckMs: number;
  /** How long our intents waited on the server lately (its NetReport), ms. */
  intentDelayP50Ms: number;
  intentDelayMaxMs: number;
  bufferDepth: number;
  /** The delay remote players are drawn at, ms. */
  interpolationMs: number;
  /** Share of the last second's frames drawn past the newest patch (held, not interpolated), 0–1. */
  extrapolatedShare: number;
  serverTick: number;
  patchesPerSecond: number;
  bytesInPerSecond: number;
  correctionsPerSecond: number;
  /** Own-player corrections of at least VISIBLE_CORRECTION_PX in the last minute. */
  correctionsPerMinute: number;
  /** Patch gaps over STALL_GAP_MS in the last minute, and the longest gap in it (ms). */
  stallsPerMinute: number;
  longestGapMs: number;
}

/** Totals since the page joined, for tools (the netcode benchmark) rather than the overlay. */
export interface NetTotals {
  frames: number;
  extrapolatedFrames: number;
  visibleCorrections: number;
  stalls: number;
}

/**
 * The debug overlay's numbers. Patches are counted from state changes, bytes by
 * wrapping the connection's message handler (re-wrapped if a reconnect replaces it).
 */
export class NetStats {
  readonly patches = new RateCounter();
  readonly bytesIn = new RateCounter();
  readonly corrections = new RateCounter();
  private readonly frames = new RateCounter();
  private readonly extrapolated = new RateCounter();
  readonly totals: NetTotals = { frames: 0, extrapolatedFrames: 0, visibleCorrections: 0, stalls: 0 };
  private wrapped: ((ev: MessageEvent) => void) | undefined;
  private rtt = 0;
  private report: NetReportMessage = { rtt: 0, intentDelayP50: 0, intentDelayMax: 0, bufferDepth: 0 };
  private lastPatchAt: number | undefined;
  /** Instants of the last minute's visible corrections, and its stalls with their gaps. */
  private readonly visible: number[] = [];
  private readonly stalls: Array<{ at: number; gap: number }> = [];
  private readonly pinger: ReturnType<typeof setInterval>;
  /** The delay remote players are drawn at (ArenaClient's adaptive choice). */
  interpolationMs = () => 0;

  constructor(
    private readonly room: Room,
    private readonly now: () => number = () => performance.now(),
  ) {
    room.onStateChange(() => this.patch());
    this.wrapConnection();
    this.pinger = setInterval(() => room.ping((ms) => (this.rtt = ms)), PING_EVERY_MS);
    room.onLeave(() => clearInterval(this.pinger));
  }

  /** The server's NetReport for this client (game/net/messages.ts answerPings hands it over). */
  serverReport(r: NetReportMessage): void {
    this.report = r;
  }

  /** A reconciliation moved the own player by `px`. */
  corrected(px: number): void {
    this.corrections.add();
    if (px < VISIBLE_CORRECTION_PX) return;
    this.visible.push(this.now());
    this.totals.visibleCorrections++;
  }

  /** A frame was drawn; `held` when the render time had passed the newest patch. */
  frame(held: boolean): void {
    this.frames.add();
    this.totals.frames++;
    if (!held) return;
    this.extrapolated.add();
    this.totals.extrapolatedFrames++;
  }

  stop(): void {
    clearInterval(this.pinger);
  }

  private patch(): void {
    this.patches.add();
    const t = this.now();
    if (this.lastPatchAt !== undefined && t - this.lastPatchAt > STALL_GAP_MS) {
      this.stalls.push({ at: t, gap: t - this.lastPatchAt });
      this.totals.stalls++;
    }
    this.lastPatchAt = t;
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
    const since = this.now() - MINUTE_MS;
    while (this.visible.length > 0 && this.visible[0]! < since) this.visible.shift();
    while (this.stalls.length > 0 && this.stalls[0]!.at < since) this.stalls.shift();
    const frames = this.frames.perSecond;
    return {
      rttMs: Math.round(this.rtt),
      serverRttMs: this.report.rtt,
      intentAckMs: Math.round(this.room.clock.smoothedRtt()),
      intentDelayP50Ms: this.report.intentDelayP50,
      intentDelayMaxMs: this.report.intentDelayMax,
      bufferDepth: this.report.bufferDepth,
      interpolationMs: Math.round(this.interpolationMs()),
      extrapolatedShare: frames > 0 ? this.extrapolated.perSecond / frames : 0,
      serverTick,
      patchesPerSecond: this.patches.perSecond,
      bytesInPerSecond: this.bytesIn.perSecond,
      correctionsPerSecond: this.corrections.perSecond,
      correctionsPerMinute: this.visible.length,
      stallsPerMinute: this.stalls.length,
      longestGapMs: Math.round(this.stalls.reduce((m, s) => Math.max(m, s.gap), 0)),
    };
  }
}
