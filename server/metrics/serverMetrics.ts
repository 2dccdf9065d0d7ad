/**
 * The load benchmark's window: how long room ticks and patches took, whether each room kept
 * its tick rate, event-loop lag and utilisation, CPU and memory, over the time since POST
 * /metrics/reset. Read as JSON from GET /metrics/window (when METRICS=1).
 *
 * Every figure but the per-room tick rates is read from the one registry (registry.ts): the
 * window keeps a snapshot of the counters and histograms taken at reset and reports the
 * difference. Tick rates are per room, which no series holds (a room id is no label), so
 * each timed room keeps a probe here (instrumentRoom.ts). Event-loop lag covers the time
 * since the previous read of the registry: a Prometheus scrape during the window shortens it.
 */
import { performance } from "node:perf_hooks";
import { since, snapshotHistogram, summarize, type DurationSummary, type HistogramSnapshot } from "./durations.ts";
import { hostMetrics } from "./hostMetrics.ts";
import { readValue } from "./registry.ts";

export interface RoomProbe {
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
    /** Time one room's loop call took (the simulation only, not the patch). */
    duration: DurationSummary;
  };
  /** Time one room's broadcastPatch took: onBeforePatch sync, encode, and queueing to every client. */
  patch: { count: number; duration: DurationSummary };
  eventLoop: { lagP50Ms: number; lagP99Ms: number; lagMaxMs: number; utilization: number };
  process: { cpuPercent: number; cpuUserMs: number; cpuSystemMs: number; rssMb: number; heapUsedMb: number };
}

interface Start {
  at: number;
  tick: HistogramSnapshot;
  patch: HistogramSnapshot;
  cpuUserS: number;
  cpuSystemS: number;
  activeS: number;
}

const TICKS = "skirmish_tick_duration_seconds";
const PATCHES = "skirmish_patch_duration_seconds";

async function readStart(): Promise<Start> {
  // The user CPU counter's read collects the system one too: it goes first.
  const [tick, patch, cpuUserS, cpuSystemS, activeS] = await Promise.all([
    snapshotHistogram(TICKS),
    snapshotHistogram(PATCHES),
    readValue("process_cpu_user_seconds_total"),
    readValue("process_cpu_system_seconds_total"),
    readValue("skirmish_event_loop_active_seconds_total"),
  ]);
  return { at: performance.now(), tick, patch, cpuUserS, cpuSystemS, activeS };
}

/** The heap total gauge's read collects the used one too. */
async function heapUsedBytes(): Promise<number> {
  await readValue("nodejs_heap_size_total_bytes");
  return readValue("nodejs_heap_size_used_bytes");
}

class MetricsWindow {
  private readonly probes = new Set<RoomProbe>();
  private start: Promise<Start> = readStart();

  track(nominalHz: number, clients: () => number): RoomProbe {
    const probe: RoomProbe = { nominalHz, ticks: 0, since: performance.now(), clients };
    this.probes.add(probe);
    return probe;
  }

  untrack(probe: RoomProbe | undefined): void {
    if (probe) this.probes.delete(probe);
  }

  /** One loop call that ran `steps` simulation steps. */
  countSteps(probe: RoomProbe, steps = 1): void {
    probe.ticks += steps;
  }

  /** Start a new measurement window. */
  async reset(): Promise<void> {
    const now = performance.now();
    for (const p of this.probes) {
      p.ticks = 0;
      p.since = now;
    }
    await hostMetrics.eventLoopLag(); // restarts the event-loop delay histogram
    this.start = readStart();
    await this.start;
  }

  async report(): Promise<MetricsReport> {
    const start = await this.start;
    const [end, lag, rss, heap] = await Promise.all([readStart(), hostMetrics.eventLoopLag(), readValue("process_resident_memory_bytes"), heapUsedBytes()]);
    const now = end.at;
    const windowMs = now - start.at;
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
    const cpuUserMs = (end.cpuUserS - start.cpuUserS) * 1000;
    const cpuSystemMs = (end.cpuSystemS - start.cpuSystemS) * 1000;
    const patch = summarize(since(start.patch, end.patch));
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
        duration: summarize(since(start.tick, end.tick)),
      },
      patch: { count: patch.count, duration: patch },
      eventLoop: {
        lagP50Ms: lag.p50,
        lagP99Ms: lag.p99,
        lagMaxMs: lag.max,
        utilization: windowMs > 0 ? Math.min(1, ((end.activeS - start.activeS) * 1000) / windowMs) : 0,
      },
      process: {
        cpuPercent: windowMs > 0 ? ((cpuUserMs + cpuSystemMs) / windowMs) * 100 : 0,
        cpuUserMs,
        cpuSystemMs,
        rssMb: rss / 2 ** 20,
        heapUsedMb: heap / 2 ** 20,
      },
    };
  }
}

/** The one window of this process. */
export const serverMetrics = new MetricsWindow();
