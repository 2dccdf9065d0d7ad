/**
 * Process-wide server health: how long room ticks and patches take, whether each room
 * keeps its tick rate, event-loop lag and utilisation, CPU and memory. Read as JSON from
 * GET /metrics (when METRICS=1); the load benchmark resets the window with POST
 * /metrics/reset after its ramp-up and reads it at the end, so every figure covers exactly
 * the measured window.
 *
 * Rooms are timed by `instrumentRoom()`, which wraps the Colyseus loop entry points rather
 * than each room's own code, so any room class (the kit's or a plain one) is measured alike.
 */
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from "node:perf_hooks";
import type { Room } from "colyseus";
import { Histogram, type HistogramSummary } from "./Histogram.ts";
import { hostMetrics } from "./hostMetrics.ts";

/** Sampling period of the event-loop delay timer; the timer's own period is subtracted from samples. */
const LAG_RESOLUTION_MS = 5;

interface RoomProbe {
  nominalHz: number;
  ticks: number;
  /** When this room's tick count started (room creation or the last window reset). */
  since: number;
  clients(): number;
}

export interface MetricsReport {
  windowS: number;
  rooms: number;
  clients: number;
  tick: {
    nominalHz: number;
    /** Simulation steps performed over the window, by all rooms together. */
    count: number;
    /** Steps the rooms should have performed at their nominal rates over the same time. */
    nominalCount: number;
    /** Ticks per second per room over the window: mean and worst room. */
    rateMeanHz: number;
    rateMinHz: number;
    /** Time one room's step took (the simulation only, not the patch). */
    duration: HistogramSummary;
  };
  /** Time one room's broadcastPatch took: onBeforePatch sync, encode, and queueing to every client. */
  patch: { count: number; duration: HistogramSummary };
  eventLoop: { lagP50Ms: number; lagP99Ms: number; lagMaxMs: number; utilization: number };
  process: { cpuPercent: number; cpuUserMs: number; cpuSystemMs: number; rssMb: number; heapUsedMb: number };
}

class ServerMetrics {
  private readonly probes = new Set<RoomProbe>();
  private readonly tickTimes = new Histogram();
  private readonly patchTimes = new Histogram();
  private readonly lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  private windowStart = performance.now();
  private cpuStart = process.cpuUsage();
  private eluStart: EventLoopUtilization = performance.eventLoopUtilization();

  constructor() {
    this.lag.enable();
  }

  track(nominalHz: number, clients: () => number): RoomProbe {
    const probe: RoomProbe = { nominalHz, ticks: 0, since: performance.now(), clients };
    this.probes.add(probe);
    return probe;
  }

  untrack(probe: RoomProbe | undefined): void {
    if (probe) this.probes.delete(probe);
  }

  /** One loop call that ran `steps` simulation steps in `ms` (the whole call is timed). */
  recordTick(probe: RoomProbe, ms: number, steps = 1): void {
    probe.ticks += steps;
    this.tickTimes.record(ms);
  }

  recordPatch(ms: number): void {
    this.patchTimes.record(ms);
  }

  /** Start a new measurement window. */
  reset(): void {
    const now = performance.now();
    for (const p of this.probes) {
      p.ticks = 0;
      p.since = now;
    }
    this.tickTimes.reset();
    this.patchTimes.reset();
    this.lag.reset();
    this.windowStart = now;
    this.cpuStart = process.cpuUsage();
    this.eluStart = performance.eventLoopUtilization();
  }

  report(): MetricsReport {
    const now = performance.now();
    const windowMs = now - this.windowStart;
    let clients = 0;
    let rateSum = 0;
    let rateMin = Number.POSITIVE_INFINITY;
    let ticks = 0;
    let nominalTicks = 0;
    let nominalHz = 0;
    for (const p of this.probes) {
      clients += p.clients();
      ticks += p.ticks;
      nominalTicks += (p.nominalHz * (now - p.since)) / 1000;
      nominalHz = Math.max(nominalHz, p.nominalHz);
      const rate = now - p.since > 0 ? (p.ticks * 1000) / (now - p.since) : 0;
      rateSum += rate;
      rateMin = Math.min(rateMin, rate);
    }
    const cpu = process.cpuUsage(this.cpuStart);
    const mem = process.memoryUsage();
    const lagMs = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
    return {
      windowS: windowMs / 1000,
      rooms: this.probes.size,
      clients,
      tick: {
        nominalHz,
        count: ticks,
        nominalCount: Math.round(nominalTicks),
        rateMeanHz: this.probes.size ? rateSum / this.probes.size : 0,
        rateMinHz: this.probes.size ? rateMin : 0,
        duration: this.tickTimes.summary(),
      },
      patch: { count: this.patchTimes.summary().count, duration: this.patchTimes.summary() },
      eventLoop: {
        lagP50Ms: lagMs(this.lag.percentile(50)),
        lagP99Ms: lagMs(this.lag.percentile(99)),
        lagMaxMs: lagMs(this.lag.max),
        utilization: performance.eventLoopUtilization(this.eluStart).utilization,
      },
      process: {
        cpuPercent: windowMs > 0 ? ((cpu.user + cpu.system) / 1000 / windowMs) * 100 : 0,
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
        rssMb: mem.rss / 2 ** 20,
        heapUsedMb: mem.heapUsed / 2 ** 20,
      },
    };
  }
}

/** The one collector of this process. */
export const serverMetrics = new ServerMetrics();

type RoomClass = abstract new (...args: any[]) => Room<any>;

/**
 * A room class whose ticks and patches are timed into `serverMetrics`. Wraps the loop the
 * room registers (setFixedTimestep or setTimestep) and broadcastPatch; the room's own
 * code is untouched. Costs two clock reads per tick and per patch.
 * @example defineRoom(instrumentRoom(MyRoom))
 */
export function instrumentRoom<T extends RoomClass>(Base: T): T {
  abstract class Instrumented extends Base {
    private probe: RoomProbe | undefined;
    /** Set while a setFixedTimestep call is running its steps: a second step in one call is a late one. */
    private inLoopCall = false;

    constructor(...args: any[]) {
      super(...args);
      // Every frame a client sends passes here (messages, intents, pings), bound per client at join.
      const onMessage = this["_onMessage"];
      this["_onMessage"] = (...a: Parameters<typeof onMessage>) => {
        hostMetrics.received(this.roomName);
        return onMessage.apply(this, a);
      };
    }

    override setFixedTimestep(...[step, tickRate = 60, opts]: Parameters<Room["setFixedTimestep"]>): void {
      // Count simulation steps: a 30 Hz loop with 2 sub-steps is a 60 Hz simulation.
      const subSteps = opts?.subSteps ?? 1;
      const probe = this.startProbe(tickRate * subSteps);
      super.setFixedTimestep((ctx) => {
        if (this.inLoopCall) hostMetrics.tickBehind(this.roomName);
        else {
          this.inLoopCall = true;
          queueMicrotask(() => (this.inLoopCall = false));
        }
        const t0 = performance.now();
        step(ctx);
        const ms = performance.now() - t0;
        serverMetrics.recordTick(probe, ms, subSteps);
        hostMetrics.tick(this.roomName, ms);
      }, tickRate, opts);
    }

    override setTimestep(...[callback, delay = 1000 / 60]: Parameters<Room["setTimestep"]>): void {
      if (!callback) return super.setTimestep(callback, delay);
      const probe = this.startProbe(1000 / delay);
      super.setTimestep((deltaMs) => {
        const t0 = performance.now();
        callback(deltaMs);
        const ms = performance.now() - t0;
        serverMetrics.recordTick(probe, ms);
        hostMetrics.tick(this.roomName, ms);
      }, delay);
    }

    override broadcastPatch(): boolean {
      this.countPatchBytes();
      const t0 = performance.now();
      const sent = super.broadcastPatch();
      serverMetrics.recordPatch(performance.now() - t0);
      return sent;
    }

    override allowReconnection(...args: Parameters<Room["allowReconnection"]>): ReturnType<Room["allowReconnection"]> {
      const reconnection = super.allowReconnection(...args);
      reconnection.then(() => hostMetrics.reconnected(this.roomName), () => undefined);
      return reconnection;
    }

    /** Wrap this room's serializer once, so the bytes its patch frames send are counted. */
    private countPatchBytes(): void {
      const serializer = this["_serializer"] as { applyPatches: (...a: unknown[]) => boolean; countedBy?: string } | undefined;
      if (!serializer || serializer.countedBy !== undefined) return;
      const apply = serializer.applyPatches;
      const type = this.roomName;
      serializer.countedBy = type;
      serializer.applyPatches = (...a: unknown[]) => hostMetrics.countPatch(type, () => apply.apply(serializer, a));
    }

    override onDispose(): void | Promise<unknown> {
      serverMetrics.untrack(this.probe);
      return super.onDispose?.();
    }

    private startProbe(hz: number): RoomProbe {
      serverMetrics.untrack(this.probe);
      this.probe = serverMetrics.track(hz, () => this.clients.length);
      return this.probe;
    }
  }
  return Instrumented;
}
