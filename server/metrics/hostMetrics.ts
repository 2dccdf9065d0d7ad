/**
 * The figures a host watches on a live server, as series of the one registry (registry.ts):
 * GET /metrics renders them with prom-client's defaults, and the benchmark's window
 * (serverMetrics.ts) reads the same series.
 *
 * Fed by the frame entry hook (frames received and refused, server/net/frameEntry.ts), by
 * `instrumentRoom()` (ticks, patches, reconnections), by ClientGuard (rejected messages, by
 * reason), by ChatChannel (refused chat lines, by reason) and by the matchmaker's own room
 * events (rooms and clients by room type, see trackRooms).
 */
import { performance } from "node:perf_hooks";
import type { RegisteredHandler, Room } from "colyseus";
import { WebSocketClient } from "@colyseus/ws-transport";
import { Counter, Gauge, Histogram } from "prom-client";
import { batchedCounter, EVENT_LOOP_LAG, LAG_PRECISION_MS, readValue, registry } from "./registry.ts";

/**
 * Duration buckets in seconds, 10 µs … 100 ms at ten per decade (the R10 series 1, 1.25,
 * 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8): fine enough for the benchmark's percentiles (a bucket is
 * 26 % wide), and a superset of the earlier 50 µs … 100 ms bounds.
 */
export const DURATION_BUCKETS: readonly number[] = (() => {
  const steps = [1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8];
  const out: number[] = [];
  for (let exp = -5; exp < -1; exp++) for (const s of steps) out.push(Number((s * 10 ** exp).toPrecision(3)));
  out.push(0.1);
  return out;
})();

const registers = [registry];
const ticks = new Histogram({ name: "skirmish_tick_duration_seconds", help: "Time one room's fixed-step loop call took (its simulation steps, not the patch), by room type.", labelNames: ["type"], buckets: [...DURATION_BUCKETS], registers });
const patches = new Histogram({ name: "skirmish_patch_duration_seconds", help: "Time one room's broadcastPatch took (onBeforePatch, encode, queueing to every client), by room type.", labelNames: ["type"], buckets: [...DURATION_BUCKETS], registers });
const behind = new Counter({ name: "skirmish_ticks_behind_schedule_total", help: "Ticks run late to catch up after a stall (the fixed-step accumulator ran more than one step in a call), by room type.", labelNames: ["type"], registers });
const patchBytes = batchedCounter("skirmish_patch_bytes_sent_total", "Bytes of state patches sent to clients, by room type.", ["type"]);
const received = batchedCounter("skirmish_messages_received_total", "WebSocket frames received from clients (messages, intents, pings), refused ones included, by room type.", ["type"]);
const receivedBytes = batchedCounter("skirmish_message_bytes_received_total", "Bytes of the WebSocket frames received from clients, by room type.", ["type"]);
const refused = batchedCounter("skirmish_frames_refused_total", "Frames dropped before Colyseus decoded them (or when its decoder threw), by room type and reason: rate_limited, expelled, bad_frame, undecodable.", ["type", "reason"]);
const rejected = new Counter({ name: "skirmish_messages_rejected_total", help: "Client messages dropped as invalid, by reason (see RejectReason).", labelNames: ["reason"], registers });
const chatRefused = new Counter({ name: "skirmish_chat_refused_total", help: "Chat lines refused for pace, by reason (rate_limited, muted).", labelNames: ["reason"], registers });
const slowClosed = new Counter({ name: "skirmish_slow_clients_closed_total", help: "Clients closed because their send buffer passed SEND_BUFFER_LIMIT_BYTES (they read too slowly); their seats are held, by room type.", labelNames: ["type"], registers });
const slowBacklog = new Histogram({ name: "skirmish_slow_client_backlog_bytes", help: "A slow client's send buffer when it was closed, by room type.", labelNames: ["type"], buckets: [2 ** 14, 2 ** 16, 2 ** 18, 2 ** 20, 2 ** 22, 2 ** 24, 2 ** 26], registers });
const reconnections = new Counter({ name: "skirmish_reconnections_total", help: "Dropped players who came back to their held seat, by room type.", labelNames: ["type"], registers });

const live = new Set<Room>();

function roomsByType(): Map<string, { rooms: number; clients: number }> {
  const byType = new Map<string, { rooms: number; clients: number }>();
  for (const room of live) {
    const t = byType.get(room.roomName) ?? { rooms: 0, clients: 0 };
    t.rooms++;
    t.clients += room.clients.length;
    byType.set(room.roomName, t);
  }
  return byType;
}

new Gauge({
  name: "skirmish_rooms",
  help: "Rooms on this process, by room type.",
  labelNames: ["type"],
  registers,
  collect() {
    this.reset();
    for (const [type, t] of roomsByType()) this.set({ type }, t.rooms);
  },
});
new Gauge({
  name: "skirmish_clients",
  help: "Clients connected to this process's rooms, by room type.",
  labelNames: ["type"],
  registers,
  collect() {
    this.reset();
    for (const [type, t] of roomsByType()) this.set({ type }, t.clients);
  },
});

// Read after prom-client's event-loop collector, which is registered first and so collected
// first in a scrape: the one monitor's figures since the previous read, less its timer's period.
new Gauge({
  name: "skirmish_event_loop_lag_seconds",
  help: "Event-loop delay since the previous read of the registry, less the monitor's period (quantile 1 is the maximum).",
  labelNames: ["quantile"],
  registers,
  async collect() {
    const lag = await lastEventLoopLag();
    this.set({ quantile: "0.5" }, lag.p50 / 1000);
    this.set({ quantile: "0.99" }, lag.p99 / 1000);
    this.set({ quantile: "1" }, lag.max / 1000);
  },
});

let activeSeen = 0;
new Counter({
  name: "skirmish_event_loop_active_seconds_total",
  help: "Time the event loop spent running code rather than waiting (its rate is the event-loop utilisation).",
  registers,
  collect() {
    const active = performance.eventLoopUtilization().active / 1000;
    this.inc(Math.max(0, active - activeSeen));
    activeSeen = active;
  },
});

/** The default collector's latest event-loop delay figures, in ms, less the timer's own period. */
async function lastEventLoopLag(): Promise<{ p50: number; p99: number; max: number }> {
  const ms = async (name: string) => Math.max(0, (await readValue(name)) * 1000 - LAG_PRECISION_MS);
  return { p50: await ms("nodejs_eventloop_lag_p50_seconds"), p99: await ms("nodejs_eventloop_lag_p99_seconds"), max: await ms("nodejs_eventloop_lag_max_seconds") };
}

/** The room type whose patch is being encoded right now, if any (patches are sent synchronously). */
let patching: { n: number } | undefined;
// The one wrapper of the transport's send: bytes sent while a room's patch is being applied are patch bytes.
const originalRaw = WebSocketClient.prototype.raw;
WebSocketClient.prototype.raw = function (this: WebSocketClient, ...args: Parameters<typeof originalRaw>) {
  if (patching !== undefined) patching.n += args[0].byteLength;
  return originalRaw.apply(this, args);
};

/** A room type's hot series, resolved once (frames and patches are hot paths). */
export interface TypeSeries {
  received: { n: number };
  receivedBytes: { n: number };
  patchBytes: { n: number };
  refused(reason: string): { n: number };
}

const seriesByType = new Map<string, TypeSeries>();

export const hostMetrics = {
  seriesOf(type: string): TypeSeries {
    let s = seriesByType.get(type);
    if (!s) {
      const byReason = new Map<string, { n: number }>();
      s = {
        received: received.series({ type }),
        receivedBytes: receivedBytes.series({ type }),
        patchBytes: patchBytes.series({ type }),
        refused(reason) {
          let r = byReason.get(reason);
          if (!r) byReason.set(reason, (r = refused.series({ type, reason })));
          return r;
        },
      };
      seriesByType.set(type, s);
    }
    return s;
  },
  tick(type: string, ms: number): void {
    ticks.observe({ type }, ms / 1000);
  },
  patch(type: string, ms: number): void {
    patches.observe({ type }, ms / 1000);
  },
  tickBehind(type: string): void {
    behind.inc({ type });
  },
  /** Run `send` (one room's patch encode-and-send) counting the bytes it sends as patch bytes. */
  countPatch<T>(type: string, send: () => T): T {
    patching = this.seriesOf(type).patchBytes;
    try {
      return send();
    } finally {
      patching = undefined;
    }
  },
  rejected(reason: string): void {
    rejected.inc({ reason });
  },
  chatRefused(reason: string): void {
    chatRefused.inc({ reason });
  },
  slowClientClosed(type: string, backlogBytes: number): void {
    slowClosed.inc({ type });
    slowBacklog.observe({ type }, backlogBytes);
  },
  reconnected(type: string): void {
    reconnections.inc({ type });
  },
  /** Count this room type's live rooms from the matchmaker's own create and dispose events. */
  trackRooms(handler: RegisteredHandler<any>): void {
    handler.on("create", (room: Room) => live.add(room));
    handler.on("dispose", (room: Room) => live.delete(room));
  },
  /** This process's rooms and clients, by room type. */
  roomsByType,
  /**
   * Event-loop delay in ms since the previous read of the registry (a scrape or this call),
   * which restarts the monitor's histogram: the benchmark window calls it at reset and at report.
   */
  async eventLoopLag(): Promise<{ p50: number; p99: number; max: number }> {
    await readValue(EVENT_LOOP_LAG);
    return lastEventLoopLag();
  },
  /** The whole exposition, in Prometheus text format. */
  render(): Promise<string> {
    return registry.metrics();
  },
  contentType: registry.contentType,
};
