/**
 * `npm run soak [-- --minutes N]`: bots join, play, drop and reconnect, drop for good, and
 * leave, for N minutes (default 10) against a fresh server process; then everyone leaves.
 * Reports resident memory over time and its trend, what is left behind once everyone has
 * left (rooms must be 0; timers, sockets and listeners), and every warning or error the
 * server logged. Exits 1 if rooms are left or the trend is upward. See docs/reliability.md.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client, type Room } from "@colyseus/sdk";
import { Bot } from "../../headless/bots/Bot.ts";
import { IntentInput } from "../../shared/arena/input.ts";
import { INPUT_INTERVAL_MS } from "../../shared/constants.ts";
import { answerPings } from "../../game/net/messages.ts";
import { createRng, randomInt } from "../../shared/rng.ts";
import { parseCommandLine, usageError } from "../../scripts/cli.ts";
import type { SoakProbe } from "./server.ts";
import { judgeTrend } from "./trend.ts";

const tool = {
  usage: "npm run soak -- [options]",
  summary: "Bots join, play, drop, reconnect and leave against a fresh server; reports memory over time and what is left behind (docs/reliability.md).",
  options: {
    minutes: { type: "string", default: "10", help: "how long to run, more than 0 and at most 1440" },
    seed: { type: "string", default: "7", help: "the seed of the bots' choices" },
  },
} as const;
const { values } = parseCommandLine(tool);
const minutes = Number(values.minutes);
if (!(minutes > 0 && minutes <= 24 * 60)) usageError(tool, `--minutes must be a number more than 0 and at most 1440, got "${values.minutes}"`);

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RECONNECT_SECONDS = 5;
const MAX_BOTS = 32;
const MIN_BOTS = 4;
const ACTION_MS = 400;
const RECONNECT_BACKOFF_MS = 1000;
const KEEP_ALIVE_MS = 5000;
const SAMPLE_MS = minutes >= 5 ? 15_000 : 5_000;

// ---- the server --------------------------------------------------------------------------
const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "bench/soak/server.ts"], {
  cwd: ROOT,
  env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", RECONNECT_SECONDS: String(RECONNECT_SECONDS), ARENA_ROUND_SECONDS: "60", ARENA_INTERMISSION_SECONDS: "3" },
  stdio: ["ignore", "pipe", "pipe", "ipc"],
});
const problems: string[] = [];
for (const stream of [child.stdout!, child.stderr!]) {
  let rest = "";
  stream.setEncoding("utf8").on("data", (s: string) => {
    const lines = (rest + s).split("\n");
    rest = lines.pop() ?? "";
    for (const l of lines) if (/\bwarn\b|error|Error|exception/.test(l)) problems.push(l);
  });
}
const port = await new Promise<number>((resolve, reject) => {
  child.once("exit", (code) => reject(new Error(`the soak server exited (code ${code}) before it was ready`)));
  child.on("message", (m: { ready?: boolean; port?: number }) => m.ready && resolve(m.port!));
});
const url = `http://127.0.0.1:${port}`;

function ask<T>(message: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      child.off("message", on);
      resolve(m[key] as T);
    };
    child.on("message", on);
    child.send(message);
  });
}
async function probe(gc = false): Promise<SoakProbe> {
  if (gc) await ask("gc", "gc");
  return ask<SoakProbe>("probe", "probe");
}

// ---- the players ---------------------------------------------------------------------------
/** A seat in play: a bot from headless/bots, or a reconnected room driven with random intents. */
interface Player {
  room: Room;
  tick(): void;
}
const rng = createRng(Number(values.seed));
const players: Player[] = [];
const counts = { joined: 0, left: 0, dropped: 0, reconnected: 0, abandoned: 0, joinFailures: 0, reconnectFailures: 0 };
let serial = 0;

function drive(room: Room): Player {
  answerPings(room);
  room.onMessage("*", () => undefined);
  const input = room.input({ type: IntentInput, mode: "reliable" });
  return {
    room,
    tick() {
      Object.assign(input.data, { dx: randomInt(rng, 3) - 1, dy: randomInt(rng, 3) - 1, aim: rng.next() * 6.28, fire: rng.next() < 0.3 });
      input.send();
    },
  };
}

async function join(): Promise<void> {
  try {
    const bot = await Bot.join(new Client(url), `soak-${++serial % 1000}`);
    bot.room.reconnection.enabled = false;
    players.push({ room: bot.room, tick: () => bot.tick(INPUT_INTERVAL_MS / 1000) });
    counts.joined++;
  } catch (e) {
    counts.joinFailures++;
    problems.push(`client: join failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function take(): Player | undefined {
  if (players.length === 0) return undefined;
  return players.splice(randomInt(rng, players.length), 1)[0];
}

async function dropAndReconnect(): Promise<void> {
  const p = take();
  if (!p) return;
  const token = p.room.reconnectionToken;
  const closed = new Promise((r) => p.room.onLeave.once(r));
  p.room.connection.close();
  counts.dropped++;
  // A real client backs off before it reconnects; straight away, the server may not have seen
  // the drop yet, and Colyseus then closes the old connection as an error, freeing the seat.
  await closed;
  await new Promise((r) => setTimeout(r, RECONNECT_BACKOFF_MS));
  try {
    const room = await new Client(url).reconnect(token);
    room.reconnection.enabled = false;
    players.push(drive(room));
    counts.reconnected++;
  } catch (e) {
    counts.reconnectFailures++;
    problems.push(`client: reconnect failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function act(): Promise<void> {
  const r = rng.next();
  // Joins outweigh departures, so the population climbs to MAX_BOTS and churns there.
  if (players.length < MIN_BOTS || (r < 0.5 && players.length < MAX_BOTS)) return join();
  if (r < 0.62) {
    counts.left++;
    return void (await take()?.room.leave(true).catch(() => undefined));
  }
  if (r < 0.74) return dropAndReconnect();
  if (r < 0.8) {
    // Gone for good without a goodbye: the seat is held RECONNECT_SECONDS, then freed.
    counts.abandoned++;
    return void take()?.room.connection.close();
  }
}

// ---- the run --------------------------------------------------------------------------------
const samples: Array<{ s: number; rssMb: number; heapUsedMb: number; rooms: number; clients: number }> = [];
const started = performance.now();
const elapsedS = (): number => Math.round((performance.now() - started) / 1000);
const ticker = setInterval(() => {
  for (const p of players) if (p.room.connection.isOpen) p.tick();
}, INPUT_INTERVAL_MS);
const sampler = setInterval(async () => {
  const p = await probe(true);
  samples.push({ s: elapsedS(), rssMb: p.rssMb, heapUsedMb: p.heapUsedMb, rooms: p.rooms, clients: p.clients });
  console.log(`[${elapsedS()} s] rss ${p.rssMb} MB, heap ${p.heapUsedMb} MB, rooms ${p.rooms}, clients ${p.clients}, bots ${players.length}`);
}, SAMPLE_MS);

const baseline = await probe(true);
console.log(`soak: ${minutes} min against ${url} (pid ${child.pid}), seed ${values.seed}; baseline rss ${baseline.rssMb} MB`);
const deadline = started + minutes * 60_000;
while (performance.now() < deadline) {
  await act();
  await new Promise((r) => setTimeout(r, ACTION_MS));
}
clearInterval(ticker);
clearInterval(sampler);

// Everyone leaves; abandoned seats time out; then the server should be back to its baseline.
await Promise.all(players.splice(0).map((p) => p.room.leave(true).catch(() => undefined)));
let after = await probe(true);
const settleBy = performance.now() + (RECONNECT_SECONDS + 15) * 1000;
while ((after.rooms > 0 || after.clients > 0) && performance.now() < settleBy) {
  await new Promise((r) => setTimeout(r, 500));
  after = await probe(true);
}

// Node's HTTP keep-alive (5 s) holds the last matchmaking connection and its timer: idle past it.
await new Promise((r) => setTimeout(r, KEEP_ALIVE_MS + 1000));
const idle = await probe(true);

const trend = judgeTrend(samples.map((s) => ({ x: s.s / 60, y: s.rssMb })));
// The heap after a forced GC is the sharper leak signal: RSS also holds what the allocator keeps.
const heapTrend = judgeTrend(samples.map((s) => ({ x: s.s / 60, y: s.heapUsedMb })), 0.2);
const report = { minutes, seed: values.seed, counts, baseline, after, idle, trend, heapTrend, samples, problems: problems.slice(0, 50), problemCount: problems.length };
console.log("\n--- soak report ---");
console.log(`players: ${JSON.stringify(counts)}`);
console.log(`rss (MB) over time: ${samples.map((s) => `${s.s}s:${s.rssMb}`).join(" ")}`);
console.log(`rss trend: ${trend.verdict} (${trend.explanation})`);
console.log(`heap trend (after GC): ${heapTrend.verdict} (${heapTrend.explanation.replaceAll("MB/min", "MB/min heap")})`);
console.log(`left behind once everyone left: rooms ${after.rooms}, clients ${after.clients}, process listeners ${after.processListeners} (baseline ${baseline.processListeners})`);
console.log(`live handles after: ${JSON.stringify(after.resources)}; ${KEEP_ALIVE_MS / 1000 + 1} s later: ${JSON.stringify(idle.resources)} (baseline ${JSON.stringify(baseline.resources)})`);
console.log(`memory: baseline rss ${baseline.rssMb} MB heap ${baseline.heapUsedMb} MB; once idle rss ${idle.rssMb} MB heap ${idle.heapUsedMb} MB`);
console.log(`warnings and errors logged: ${problems.length}`);
for (const l of problems.slice(0, 50)) console.log(`  ${l}`);
console.log(JSON.stringify(report));

child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
process.exit(idle.rooms === 0 && trend.verdict !== "upward" ? 0 : 1);
