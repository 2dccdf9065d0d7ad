/**
 * What GET /metrics exposes, in Prometheus text format: the figures a host watches on a live
 * server. Counters only grow (Prometheus computes rates); gauges are read when scraped.
 *
 * Fed by `instrumentRoom()` (ticks, patch bytes, messages received, reconnections), by
 * ClientGuard (rejected messages, by reason), by ChatChannel (refused chat lines, by reason)
 * and by the matchmaker's own room events (rooms and clients by room type, see trackRooms).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { RegisteredHandler, Room } from "colyseus";
import { WebSocketClient } from "@colyseus/ws-transport";
import { Counter, PromHistogram, gauge } from "./prometheus.ts";

/** Tick durations in seconds: 50 µs … 100 ms, the span between an idle room and a missed 60 Hz frame. */
const TICK_BOUNDS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];
const LAG_RESOLUTION_MS = 10;

const ticks = new PromHistogram("skirmish_tick_duration_seconds", "Time one room's fixed-step tick took, by room type.", TICK_BOUNDS);
const behind = new Counter("skirmish_ticks_behind_schedule_total", "Ticks run late to catch up after a stall (the fixed-step accumulator ran more than one step in a call), by room type.");
const patchBytes = new Counter("skirmish_patch_bytes_sent_total", "Bytes of state patches sent to clients, by room type.");
const received = new Counter("skirmish_messages_received_total", "WebSocket frames received from clients (messages, intents, pings), by room type.");
const rejected = new Counter("skirmish_messages_rejected_total", "Client messages dropped as invalid, by reason (see RejectReason).");
const chatRefused = new Counter("skirmish_chat_refused_total", "Chat lines refused for pace, by reason (rate_limited, muted).");
const reconnections = new Counter("skirmish_reconnections_total", "Dropped players who came back to their held seat, by room type.");

const live = new Set<Room>();
const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
lag.enable();

/** Per-room-type series, looked up once per type: ticks and frames are hot paths. */
function perType<T>(make: (type: string) => T): (type: string) => T {
  const cache = new Map<string, T>();
  return (type) => {
    let v = cache.get(type);
    if (v === undefined) {
      v = make(type);
      cache.set(type, v);
    }
    return v;
  };
}
const tickSeries = perType((type) => ticks.child({ type }));
const receivedSeries = perType((type) => received.child({ type }));
const patchSeries = perType((type) => patchBytes.child({ type }));

/** The room type whose patch is being encoded right now, if any (patches are sent synchronously). */
let patching: string | undefined;
const originalRaw = WebSocketClient.prototype.raw;
WebSocketClient.prototype.raw = function (this: WebSocketClient, ...args: Parameters<typeof originalRaw>) {
  if (patching !== undefined) patchSeries(patching).value += args[0].byteLength;
  return originalRaw.apply(this, args);
};

export const hostMetrics = {
  tick(type: string, ms: number): void {
    tickSeries(type).observe(ms / 1000);
  },
  tickBehind(type: string): void {
    behind.inc({ type });
  },
  /** Run `send` (one room's patch encode-and-send) counting the bytes it sends as patch bytes. */
  countPatch<T>(type: string, send: () => T): T {
    patching = type;
    try {
      return send();
    } finally {
      patching = undefined;
    }
  },
  received(type: string): void {
    receivedSeries(type).value++;
  },
  rejected(reason: string): void {
    rejected.inc({ reason });
  },
  chatRefused(reason: string): void {
    chatRefused.inc({ reason });
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
  roomsByType(): Map<string, { rooms: number; clients: number }> {
    const byType = new Map<string, { rooms: number; clients: number }>();
    for (const room of live) {
      const t = byType.get(room.roomName) ?? { rooms: 0, clients: 0 };
      t.rooms++;
      t.clients += room.clients.length;
      byType.set(room.roomName, t);
    }
    return byType;
  },
  /** The whole exposition. Event-loop lag covers the time since the previous scrape. */
  render(extra: string[] = []): string {
    const byType = [...this.roomsByType()];
    const mem = process.memoryUsage();
    const lagS = (ns: number): number => Math.max(0, ns / 1e9 - LAG_RESOLUTION_MS / 1000);
    const lagSamples = lag.count > 0 ? ([[{ quantile: "0.5" }, lagS(lag.percentile(50))], [{ quantile: "0.99" }, lagS(lag.percentile(99))], [{ quantile: "1" }, lagS(lag.max)]] as const) : [];
    lag.reset();
    return [
      gauge("skirmish_rooms", "Rooms on this process, by room type.", byType.map(([type, t]) => [{ type }, t.rooms] as const)),
      gauge("skirmish_clients", "Clients connected to this process's rooms, by room type.", byType.map(([type, t]) => [{ type }, t.clients] as const)),
      ticks.render(),
      behind.render(),
      patchBytes.render(),
      received.render(),
      rejected.render(),
      chatRefused.render(),
      reconnections.render(),
      gauge("skirmish_event_loop_lag_seconds", "Event-loop delay since the previous scrape (quantile 1 is the maximum).", lagSamples),
      gauge("process_resident_memory_bytes", "Resident set size of this process.", [[{}, mem.rss]]),
      gauge("nodejs_heap_used_bytes", "V8 heap in use.", [[{}, mem.heapUsed]]),
      gauge("nodejs_heap_total_bytes", "V8 heap allocated.", [[{}, mem.heapTotal]]),
      ...extra,
    ].join("\n") + "\n";
  },
};
