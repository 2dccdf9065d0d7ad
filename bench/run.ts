/**
 * `npm run bench`: the load benchmark. Each run starts a fresh server and a separate load
 * generator (pinned to different cores), fills arena rooms of 16, measures one window and
 * stops by itself. Prints a table and writes every figure to bench/results/ (not committed;
 * docs/performance.md holds the summary). Never part of `npm test`.
 *
 *   npm run bench                                  standard scenario at 400 and 800 clients
 *   npm run bench -- --room arena --input-hz 60    the game as shipped, at the client's real rate
 *   npm run bench -- --room plain                  the plain Colyseus reference room
 *   npm run bench -- --input-batch 1               one intent per frame (before batching)
 *   npm run bench -- --room floor                  the same traffic with no game: the transport's floor
 *   npm run bench -- --find-max                    largest client count that holds the tick
 *   npm run bench -- --clients 800 --profile       also write a node --cpu-prof server profile
 *   npm run bench -- --clients 512 --duration 60   tick stability: ticks performed vs nominal over 60 s
 *   npm run bench -- --find-max --strict           holding the tick also needs p99 event-loop lag < period
 *   npm run bench -- --runtime tsx                 the server's TypeScript through tsx (npm run dev) instead of compiled
 *   npm run bench -- --runtime node                the server on Node's own TypeScript support
 *   npm run bench -- --node-arg=--max-semi-space-size=64   a Node/V8 flag for the server process
 *   npm run bench -- --room arena,plain --clients 512 --rounds 2      side by side, interleaved: arena, plain, arena, plain
 *   npm run bench -- --room arena,plain --room-size 16,64,128 --clients 128   big rooms (the map and drones grow with the room)
 *   npm run bench -- --price-core-hour 0.05 --price-gb 0.08   the cost-per-player-hour table at other prices
 *   npm run bench -- --room arena,plain --clients 128 --heap   a heap snapshot of each server (npm run bench:heap)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, release, totalmem } from "node:os";
import { INPUT_BATCH } from "../shared/constants.ts";
import { waitForQuiet } from "./cpuLoad.ts";
import { costTable, foreignLoad, generatorForeignLoad, MAX_FOREIGN_PERCENT, REFERENCE_PRICES, RULES, table, verdict, type GeneratorResult, type Prices } from "./report.ts";
import { DRONES_PER_ROOM } from "./scenario.ts";
import { parseCommandLine, usageError } from "../scripts/cli.ts";
import { buildServerUnderTest, runOnce, SERVER_RUNTIMES, type RunOptions, type ServerRuntime } from "./runOne.ts";

const tool = {
  usage: "npm run bench -- [options]",
  summary: "The load benchmark: a fresh server and load generator per run, one measured window each; a table, and every figure in bench/results/.",
  options: {
    room: { type: "string", default: "arena", help: "arena, plain (the plain Colyseus room) or floor (the transport alone); several, comma-separated, run side by side" },
    clients: { type: "string", default: "400,800", help: "client counts to run, comma-separated" },
    "room-size": { type: "string", default: "16", help: "players per room, comma-separated (up to 128; bigger rooms get a bigger map)" },
    drones: { type: "string", default: "", help: `drones per room (default ${DRONES_PER_ROOM} per 16 players, at most 1000)` },
    rounds: { type: "string", default: "1", help: "repeat every combination this many times, interleaved (room by room within a round)" },
    "price-core-hour": { type: "string", default: String(REFERENCE_PRICES.coreHour), help: "US dollars per core-hour for the cost table" },
    "price-gb": { type: "string", default: String(REFERENCE_PRICES.gb), help: "US dollars per GB of traffic for the cost table" },
    "input-hz": { type: "string", default: "30", help: "intents per second per client" },
    "input-batch": { type: "string", default: String(INPUT_BATCH), help: "intents per input frame (arena); 1 sends one per frame" },
    warmup: { type: "string", default: "5", help: "seconds before the window" },
    duration: { type: "string", default: "20", help: "seconds measured" },
    "bot-every": { type: "string", default: "16", help: "one decoding bot per this many raw clients" },
    port: { type: "string", default: "2600", help: "the server's port" },
    "find-max": { type: "boolean", default: false, help: "search for the largest client count that holds the tick" },
    from: { type: "string", default: "320", help: "--find-max: the first client count" },
    resolution: { type: "string", default: "32", help: "--find-max: stop when the bounds are this close" },
    profile: { type: "boolean", default: false, help: "also write a node --cpu-prof profile of the server" },
    heap: { type: "boolean", default: false, help: "also write a V8 heap snapshot of the server at the end of each window (npm run bench:heap reads them)" },
    strict: { type: "boolean", default: false, help: "holding the tick also needs p99 event-loop lag under the tick period" },
    runtime: { type: "string", default: "compiled", help: `how the server runs: ${SERVER_RUNTIMES.join(", ")} (compiled: tsc's JavaScript, as npm start runs it)` },
    "node-arg": { type: "string", multiple: true, default: [] as string[], help: "a Node flag for the server process, e.g. --node-arg=--max-semi-space-size=64" },
    "quiet-wait": { type: "string", default: "900", help: "seconds to wait for other processes to leave the cores idle before each run" },
    attempts: { type: "string", default: "5", help: "runs of one client count at most, when other load disturbed the window" },
  },
} as const;
const { values: a } = parseCommandLine(tool);

if (!SERVER_RUNTIMES.includes(a.runtime as ServerRuntime)) usageError(tool, `--runtime must be one of ${SERVER_RUNTIMES.join(", ")}, got "${a.runtime}"`);
const ROOMS = ["arena", "plain", "floor"];
const rooms = a.room!.split(",");
for (const r of rooms) if (!ROOMS.includes(r)) usageError(tool, `--room must be ${ROOMS.join(", ")} or a comma-separated list of them, got "${r}"`);
const positiveInts = (flag: string, text: string, max: number): number[] => {
  const xs = text.split(",").map(Number);
  if (xs.some((x) => !Number.isInteger(x) || x < 1 || x > max)) usageError(tool, `--${flag} must be whole numbers from 1 to ${max}, comma-separated, got "${text}"`);
  return xs;
};
const roomSizes = positiveInts("room-size", a["room-size"]!, 128);
const rounds = positiveInts("rounds", a.rounds!, 100)[0]!;
const clientCounts = positiveInts("clients", a.clients!, 100_000);
const dronesFlag = a.drones ? positiveInts("drones", a.drones, 1000)[0] : undefined;
/** The standard scenario's drones per player, kept as rooms grow (up to the arena's limit of 1000). */
const dronesFor = (roomSize: number) => dronesFlag ?? Math.min(1000, Math.round((DRONES_PER_ROOM * roomSize) / 16));
const prices: Prices = { coreHour: Number(a["price-core-hour"]), gb: Number(a["price-gb"]) };
if (!(prices.coreHour >= 0 && prices.gb >= 0)) usageError(tool, "--price-core-hour and --price-gb must be numbers of dollars, 0 or more");
if (a.runtime === "compiled") buildServerUnderTest();

const RESULTS = new URL("./results/", import.meta.url);
mkdirSync(RESULTS, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const profileDir = a.profile ? new URL(`profiles/${stamp}/`, RESULTS).pathname : undefined;
const heapDir = a.heap ? new URL(`heap/${stamp}/`, RESULTS).pathname : undefined;
if (heapDir) mkdirSync(heapDir, { recursive: true });

const base: Omit<RunOptions, "clients" | "room" | "roomSize" | "drones"> = {
  inputHz: Number(a["input-hz"]),
  inputBatch: Number(a["input-batch"]),
  warmup: Number(a.warmup),
  duration: Number(a.duration),
  botEvery: Number(a["bot-every"]),
  port: Number(a.port),
  profileDir,
  heapDir,
  runtime: a.runtime as ServerRuntime,
  nodeArgs: a["node-arg"]!,
};
const results: GeneratorResult[] = [];

/**
 * One client count, on a quiet machine: wait until other processes leave both cores idle,
 * run, and run again if something else used the server's core during the window (or the
 * generator's core, when the generator then fell behind).
 */
async function run(clients: number, room = rooms[0]!, roomSize = roomSizes[0]!): Promise<GeneratorResult> {
  for (let attempt = 1; ; attempt++) {
    const quiet = await waitForQuiet(10, 10_000, Number(a["quiet-wait"]) * 1000);
    if (!quiet.quiet) process.stderr.write(`machine not quiet (cores ${quiet.busy.map((b) => b.busy.toFixed(0)).join("/")}% busy); running anyway\n`);
    process.stderr.write(`run: ${room}, ${clients} clients in rooms of ${roomSize}, inputs at ${base.inputHz} Hz, ${base.inputBatch} per frame … `);
    const r = await runOnce({ ...base, room, clients, roomSize, drones: dronesFor(roomSize) });
    const v = verdict(r, a.strict);
    process.stderr.write(`${!v.valid ? "INVALID" : v.holds ? "holds" : "does not hold"} ${v.reasons.join("; ")}\n`);
    const disturbed = foreignLoad(r) >= MAX_FOREIGN_PERCENT || (!v.valid && generatorForeignLoad(r) >= MAX_FOREIGN_PERCENT);
    if (!disturbed || attempt >= Number(a.attempts)) {
      results.push(r);
      return r;
    }
  }
}

/** Grow by half until the tick is lost, then bisect down to `resolution` clients. */
async function findMax(): Promise<{ holdsAt: number; failsAt?: number; limitedBy?: string }> {
  const resolution = Number(a.resolution);
  const round = (n: number) => Math.max(resolution, Math.round(n / resolution) * resolution);
  let lo = 0;
  let hi: number | undefined;
  for (let c = round(Number(a.from)); hi === undefined; c = round(c * 1.5)) {
    const v = verdict(await run(c), a.strict);
    if (!v.valid) return { holdsAt: lo, limitedBy: `generator or joins at ${c}: ${v.reasons.join("; ")}` };
    if (v.holds) lo = c;
    else hi = c;
  }
  while (hi - lo > resolution) {
    const mid = round((lo + hi) / 2);
    if (mid === lo || mid === hi) break;
    const v = verdict(await run(mid), a.strict);
    if (!v.valid) return { holdsAt: lo, failsAt: hi, limitedBy: `generator or joins at ${mid}` };
    if (v.holds) lo = mid;
    else hi = mid;
  }
  return { holdsAt: lo, failsAt: hi };
}

let max: Awaited<ReturnType<typeof findMax>> | undefined;
if (a["find-max"]) {
  if (rooms.length > 1 || roomSizes.length > 1) usageError(tool, "--find-max searches one room at one room size");
  max = await findMax();
} else {
  // Interleaved: every room at every size once per round, so slow drift in the machine's
  // state (thermal, other tenants) falls on all of them alike.
  for (let round = 0; round < rounds; round++)
    for (const c of clientCounts) for (const size of roomSizes) for (const room of rooms) await run(c, room, size);
}

const machine = {
  cores: availableParallelism(),
  cpu: cpus()[0]?.model,
  memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  kernel: release(),
  pinned: availableParallelism() >= 2 ? "server on core 0, generator on core 1 (taskset)" : "not pinned (one core)",
};
const command = `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim();
const file = new URL(`bench-${stamp}.json`, RESULTS).pathname;
writeFileSync(file, JSON.stringify({ command, machine, rules: RULES, strict: a.strict, max, profileDir, results }, null, 2));

console.log(`\n${command}\n${JSON.stringify(machine)}\n`);
console.log(table(results, a.strict));
console.log(`\n${RULES}`);
console.log(`\nwhat one player-hour costs the host (server CPU per client; one client's traffic down and up):\n${costTable(results, prices)}`);
if (max) console.log(`\nlargest client count that holds the tick: ${max.holdsAt}${max.failsAt ? ` (fails at ${max.failsAt})` : ""}${max.limitedBy ? `; stopped: ${max.limitedBy}` : ""}`);
if (heapDir) console.log(`heap snapshots: npm run bench:heap -- ${heapDir}*.heapsnapshot (one per run; the server's pid names each)`);
for (const r of results) {
  if (!r.profileWindowS || !r.serverPid) continue;
  const [from, to] = r.profileWindowS.map((s) => s.toFixed(1));
  console.log(`profile of the ${r.connected}-client run: npm run bench:profile -- ${profileDir}CPU.*.${r.serverPid}.*.cpuprofile --window ${from}:${to}`);
}
console.log(`all figures: ${file}`);
