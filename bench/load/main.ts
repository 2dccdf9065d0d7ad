/**
 * The load generator process (started by bench/run.ts, pinned to its own core):
 * fills rooms, lets them settle, then measures one window and prints one JSON line.
 *   node --import tsx bench/load/main.ts --url http://127.0.0.1:2600 --room arena --clients 400
 */
import { parseArgs } from "node:util";
import { INPUT_BATCH } from "../../shared/constants.ts";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { Histogram } from "./Histogram.ts";
import type { MetricsReport } from "../../server/metrics/serverMetrics.ts";
import { PLAIN_ROOM } from "../rooms/PlainRoom.ts";
import { FLOOR_ROOM } from "../rooms/FloorRoom.ts";
import { populate } from "./population.ts";
import type { Traffic } from "./RawClient.ts";
import { SendWheel } from "./SendWheel.ts";
import { watchBots } from "./botWatch.ts";
import { busyPercent, coreTimes } from "../cpuLoad.ts";
import type { GeneratorResult } from "../report.ts";

const { values: a } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:2600" },
    room: { type: "string", default: "arena" },
    clients: { type: "string", default: "400" },
    "room-size": { type: "string", default: "16" },
    "bot-every": { type: "string", default: "16" },
    "input-hz": { type: "string", default: "30" },
    "input-batch": { type: "string", default: String(INPUT_BATCH) },
    warmup: { type: "string", default: "5" },
    duration: { type: "string", default: "20" },
    concurrency: { type: "string", default: "8" },
  },
});
const num = (k: keyof typeof a) => Number(a[k]);
// The floor room takes the plain room's input messages.
const kind = a.room === PLAIN_ROOM || a.room === FLOOR_ROOM ? "plain" : "arena";
const inputHz = num("input-hz");

const traffic: Traffic = { bytesIn: 0, framesIn: 0, bytesOut: 0, framesOut: 0 };
const rtt = new Histogram();
const wheel = new SendWheel(inputHz);
wheel.start();
// The generator's own stalls delay its sends and its latency probes: report them with the run.
const lag = monitorEventLoopDelay({ resolution: 5 });
lag.enable();

const joinStart = performance.now();
const pop = await populate({
  base: a.url!,
  roomName: a.room!,
  kind,
  clients: num("clients"),
  roomSize: num("room-size"),
  botEvery: num("bot-every"),
  concurrency: num("concurrency"),
  inputHz,
  inputBatch: num("input-batch"),
  wheel,
  traffic,
  rtt,
});
const joinSeconds = (performance.now() - joinStart) / 1000;
const connected = pop.raw.length + pop.bots.length + pop.decoders.length;

await sleep(num("warmup") * 1000);
const bots = watchBots(pop.bots);
await fetch(`${a.url}/metrics/reset`, { method: "POST" });
rtt.reset();
lag.reset();
const t0 = { ...traffic, cores: coreTimes(), at: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization(), dropped: wheel.dropped, sends: wheel.sends };
await sleep(num("duration") * 1000);
const server = (await (await fetch(`${a.url}/metrics/window`)).json()) as MetricsReport;
const coresBusy = busyPercent(t0.cores, coreTimes());
const seconds = (performance.now() - t0.at) / 1000;
const cpu = process.cpuUsage(t0.cpu);
const rawCount = pop.raw.length;
const perRawClientPerSecond = (n: number) => (rawCount ? n / rawCount / seconds : 0);

const result: GeneratorResult = {
  room: a.room!,
  inputHz,
  // Only the arena's raw clients batch; the plain and floor rooms take one message per intent.
  inputBatch: kind === "arena" ? num("input-batch") : 1,
  roomSize: num("room-size"),
  clientsRequested: num("clients"),
  connected,
  raw: rawCount,
  decoders: pop.bots.length + pop.decoders.length,
  rooms: pop.roomIds.length,
  failures: pop.failures.length,
  firstFailure: pop.failures[0],
  joinSeconds,
  windowSeconds: seconds,
  perClient: {
    bytesDownPerS: perRawClientPerSecond(traffic.bytesIn - t0.bytesIn),
    bytesUpPerS: perRawClientPerSecond(traffic.bytesOut - t0.bytesOut),
    framesDownPerS: perRawClientPerSecond(traffic.framesIn - t0.framesIn),
    framesUpPerS: perRawClientPerSecond(traffic.framesOut - t0.framesOut),
  },
  fullStateBytes: {
    lastJoinerMedian: median(pop.lastJoiners.map((c) => c.fullStateBytes)),
    max: Math.max(0, ...pop.raw.map((c) => c.fullStateBytes)),
  },
  rttMs: rtt.summary(),
  bots: bots.report(),
  generator: {
    cpuPercent: ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100,
    eventLoopUtilization: performance.eventLoopUtilization(t0.elu).utilization,
    droppedSendPhases: wheel.dropped - t0.dropped,
    /** Inputs sent per client per second, all clients together: should equal the input rate. */
    inputsPerClientPerS: (wheel.sends - t0.sends) / connected / seconds,
    lagP99Ms: Math.max(0, lag.percentile(99) / 1e6 - 5),
    lagMaxMs: Math.max(0, lag.max / 1e6 - 5),
  },
  server,
  /** Every core's busy percent over the window, whoever used it (the server and generator included). */
  coresBusyPercent: coresBusy,
};
console.log(JSON.stringify(result));

wheel.stop();
for (const c of pop.raw) c.close();
await Promise.all([...pop.bots.map((b) => b.leave()), ...pop.decoders.map((r) => r.leave().catch(() => undefined))]);
process.exit(0);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
}
