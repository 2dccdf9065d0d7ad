/**
 * What a run means: whether the server held its tick, whether the generator kept up (if it
 * did not, the run says nothing about the server), and the table row that docs/performance.md
 * quotes. The verdict's rules are written out in `verdict()` and printed with every table.
 */
import type { HistogramSummary } from "./load/Histogram.ts";
import type { MetricsReport } from "../server/metrics/serverMetrics.ts";
import type { CoreBusy } from "./cpuLoad.ts";

export interface GeneratorResult {
  room: string;
  inputHz: number;
  /** Intents per input frame (arena raw clients); absent in results from before batching (1). */
  inputBatch?: number;
  /** Players per room (16 in the standard scenario); absent in results from before big rooms. */
  roomSize?: number;
  /** Drones per room; absent in results from before big rooms (200). */
  drones?: number;
  clientsRequested: number;
  connected: number;
  raw: number;
  decoders: number;
  rooms: number;
  failures: number;
  firstFailure?: string;
  joinSeconds: number;
  windowSeconds: number;
  perClient: { bytesDownPerS: number; bytesUpPerS: number; framesDownPerS: number; framesUpPerS: number };
  fullStateBytes: { lastJoinerMedian: number; max: number };
  rttMs: HistogramSummary;
  bots: {
    count: number;
    patchesPerBotPerS: number;
    intentsPerBotPerS: number;
    killsInBotRooms: number;
    serverPingMs: { median: number; max: number };
  };
  generator: {
    cpuPercent: number;
    eventLoopUtilization: number;
    droppedSendPhases: number;
    inputsPerClientPerS: number;
    lagP99Ms: number;
    lagMaxMs: number;
  };
  server: MetricsReport;
  coresBusyPercent: CoreBusy[];
  /** With --profile: the measured window, in seconds since the server process started. */
  profileWindowS?: [number, number];
  /** Milliseconds from spawning the server process to its ready line (bench/runOne.ts). */
  serverStartupMs?: number;
  /** With --profile: the server's pid, which names its profile file. */
  serverPid?: number;
}

export interface Verdict {
  /** The generator connected everyone and kept its send rate, so the run measures the server. */
  valid: boolean;
  /** Issue 7's rule: mean tick rate >= 95% of nominal and p99 tick work under the period (and lag too when strict). */
  holds: boolean;
  reasons: string[];
}

/** Busy time on the server's core beyond the server's own CPU and the kernel's interrupt work. */
export const MAX_FOREIGN_PERCENT = 15;

/** Tick stability (issue 7): the rooms perform within this fraction of the nominal number of ticks. */
export const TICK_TOLERANCE = 0.01;

/** Ticks performed over the window as a percentage of the nominal count. */
export function tickPercent(r: GeneratorResult): number {
  const t = r.server.tick;
  return t.nominalCount > 0 ? (t.count / t.nominalCount) * 100 : 0;
}

export const RULES =
  "holds = mean tick rate >= 95% of nominal AND p99 room step < tick period (with --strict also p99 event-loop lag < tick period; " +
  "the lag column shows it either way); " +
  "valid = every client connected AND the generator's event loop < 90% busy AND it sent >= 97% of the nominal input rate " +
  `AND the server's core spent < ${MAX_FOREIGN_PERCENT}% on anything but the server; ` +
  `ticks = steps performed / nominal (rooms x 60 Hz x window), stable when within ${TICK_TOLERANCE * 100}%`;

/**
 * Percent of the server's core (core 0 when pinned) that went to other processes or to the
 * hypervisor. Interrupt and softirq time is left out: it is largely the loopback network
 * work of our own sockets, charged to no process.
 */
export function foreignLoad(r: GeneratorResult): number {
  return othersOn(r.coresBusyPercent[0], r.server.process.cpuPercent);
}

/** The same for the generator's core (core 1): if it was busy, the generator may have fallen behind. */
export function generatorForeignLoad(r: GeneratorResult): number {
  return othersOn(r.coresBusyPercent[1], r.generator.cpuPercent);
}

function othersOn(core: CoreBusy | undefined, ownCpuPercent: number): number {
  return core ? Math.max(0, core.busy - core.irq - ownCpuPercent) : 0; // steal counts as busy
}

/** `strict` also asks for p99 event-loop lag under the tick period (issue 7's rule does not). */
export function verdict(r: GeneratorResult, strict = false): Verdict {
  const reasons: string[] = [];
  const t = r.server.tick;
  const period = 1000 / t.nominalHz;
  if (t.rateMeanHz < 0.95 * t.nominalHz) reasons.push(`tick rate ${t.rateMeanHz.toFixed(1)} Hz < 95%`);
  if (t.duration.p99Ms >= period) reasons.push(`p99 step ${t.duration.p99Ms.toFixed(1)} ms >= period`);
  const smooth = r.server.eventLoop.lagP99Ms < period;
  if (!smooth) reasons.push(`p99 lag ${r.server.eventLoop.lagP99Ms.toFixed(1)} ms >= period`);
  const holds = strict ? reasons.length === 0 : reasons.length === (smooth ? 0 : 1);
  let valid = true;
  if (r.connected < r.clientsRequested || r.failures > 0) {
    valid = false;
    reasons.push(`${r.clientsRequested - r.connected} clients failed to join (${r.firstFailure ?? ""})`);
  }
  const g = r.generator;
  if (g.eventLoopUtilization >= 0.9 || g.inputsPerClientPerS < 0.97 * r.inputHz) {
    valid = false;
    reasons.push(`generator behind (ELU ${g.eventLoopUtilization.toFixed(2)}, ${g.inputsPerClientPerS.toFixed(1)} inputs/s per client)`);
  }
  if (foreignLoad(r) >= MAX_FOREIGN_PERCENT) {
    valid = false;
    reasons.push(`server core ${foreignLoad(r).toFixed(0)}% busy with other work`);
  }
  return { valid, holds, reasons };
}

const COLUMNS = [
  "room", "in Hz (per frame)", "clients", "per room", "rooms", "srv CPU %", "CPU %/client", "RSS MB", "tick Hz mean/min", "step p99 ms",
  "ticks done/nominal", "patch p99 ms", "lag p99 ms", "ELU", "down B/s/cl", "up B/s/cl", "full state B", "RTT p99 ms", "gen ELU", "other load core0 %", "holds",
];

export function row(r: GeneratorResult, strict = false): string[] {
  const s = r.server;
  const v = verdict(r, strict);
  return [
    r.room,
    `${r.inputHz} (${r.inputBatch ?? 1})`,
    String(r.connected),
    `${r.roomSize ?? 16} (${r.drones ?? 200} drones)`,
    String(s.rooms),
    s.process.cpuPercent.toFixed(0),
    (s.process.cpuPercent / Math.max(1, s.clients)).toFixed(3),
    s.process.rssMb.toFixed(0),
    `${s.tick.rateMeanHz.toFixed(1)}/${s.tick.rateMinHz.toFixed(1)}`,
    s.tick.duration.p99Ms.toFixed(2),
    `${s.tick.count}/${s.tick.nominalCount} (${tickPercent(r).toFixed(2)}%${Math.abs(tickPercent(r) - 100) <= TICK_TOLERANCE * 100 ? "" : " UNSTABLE"})`,
    s.patch.duration.p99Ms.toFixed(2),
    s.eventLoop.lagP99Ms.toFixed(1),
    s.eventLoop.utilization.toFixed(2),
    r.perClient.bytesDownPerS.toFixed(0),
    r.perClient.bytesUpPerS.toFixed(0),
    String(r.fullStateBytes.lastJoinerMedian),
    r.rttMs.p99Ms.toFixed(1),
    r.generator.eventLoopUtilization.toFixed(2),
    foreignLoad(r).toFixed(0),
    !v.valid ? "invalid" : v.holds ? "yes" : "NO",
  ];
}

/** A Markdown table, readable in a terminal and pasteable into docs/performance.md. */
export function table(results: readonly GeneratorResult[], strict = false): string {
  const lines = [COLUMNS, COLUMNS.map(() => "---"), ...results.map((r) => row(r, strict))];
  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/**
 * The reference prices: about what one vCPU of an on-demand general-purpose cloud VM and one
 * GB of internet egress cost in 2026 (docs/performance.md says where they come from).
 */
export const REFERENCE_PRICES: Prices = { coreHour: 0.04, gb: 0.09 };

/** Reference prices for `costTable`, overridable with --price-core-hour and --price-gb (docs/performance.md). */
export interface Prices {
  /** US dollars per core-hour (one vCPU of a cloud VM, on demand). */
  coreHour: number;
  /** US dollars per GB of traffic (cloud egress). */
  gb: number;
}

/**
 * What one player-hour costs a host in a run: the server's core time and the traffic of one
 * client (down and up, as measured on the load clients' sockets, so WebSocket framing is in
 * and TCP/IP headers are not), and their price at `prices`.
 */
export function playerHour(r: GeneratorResult, prices: Prices): { coreSeconds: number; gb: number; cpuCost: number; trafficCost: number } {
  const clients = Math.max(1, r.server.clients);
  const coreSeconds = (r.server.process.cpuPercent / 100 / clients) * 3600;
  const gb = ((r.perClient.bytesDownPerS + r.perClient.bytesUpPerS) * 3600) / 1e9;
  return { coreSeconds, gb, cpuCost: (coreSeconds / 3600) * prices.coreHour, trafficCost: gb * prices.gb };
}

export function costTable(results: readonly GeneratorResult[], prices: Prices): string {
  const head = ["room", "clients", "per room", "core-s per player-hour", "GB per player-hour", `CPU $ (at $${prices.coreHour}/core-h)`, `traffic $ (at $${prices.gb}/GB)`, "CPU share of cost"];
  const money = (x: number) => `$${x.toFixed(5)}`;
  const rows = results.map((r) => {
    const c = playerHour(r, prices);
    const share = c.cpuCost / Math.max(1e-12, c.cpuCost + c.trafficCost);
    return [r.room, String(r.connected), String(r.roomSize ?? 16), c.coreSeconds.toFixed(2), c.gb.toFixed(4), money(c.cpuCost), money(c.trafficCost), `${(share * 100).toFixed(0)}%`];
  });
  return [head, head.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
