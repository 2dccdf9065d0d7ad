/**
 * `npm run bench:spectators`: what spectators cost the server. One standard arena (16
 * players: one idle client and 15 of the server's fill bots, 200 drones) runs in a server
 * process of its own (bench/server.ts, as `npm start` builds it); its CPU is read from
 * /proc while the room runs with its players alone, then again with `--spectators` delayed
 * spectators watching it (bare WebSocket clients in this process, which decode nothing, so
 * their work never counts as the server's). Prints each phase's server CPU in % of a core,
 * the difference per spectator, and what each spectator receives per second.
 *
 *   npm run bench:spectators [-- --spectators 100 --seconds 10]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { fileURLToPath } from "node:url";
import { parseCommandLine, usageError } from "../scripts/cli.ts";
import type { RawClient as RawClientType, Traffic } from "./load/RawClient.ts";

const tool = {
  usage: "npm run bench:spectators -- [options]",
  summary: "Server CPU of one 16-player arena alone, then with delayed spectators watching it; the cost per spectator and its bytes per second.",
  options: {
    spectators: { type: "string", default: "100", help: "spectators in the second phase, 1 to 1000" },
    seconds: { type: "string", default: "10", help: "length of each measured phase, 2 to 120" },
  },
} as const;
const { values: a } = parseCommandLine(tool);
const SPECTATORS = Number(a.spectators);
const SECONDS = Number(a.seconds);
if (!Number.isInteger(SPECTATORS) || SPECTATORS < 1 || SPECTATORS > 1000) usageError(tool, `--spectators must be a whole number from 1 to 1000, got "${a.spectators}"`);
if (!Number.isInteger(SECONDS) || SECONDS < 2 || SECONDS > 120) usageError(tool, `--seconds must be a whole number from 2 to 120, got "${a.seconds}"`);

// Loaded after the arguments are read: Colyseus prints a line as it loads, which --help must not.
const { Histogram } = await import("./load/Histogram.ts");
const { RawClient, reserveSeat } = await import("./load/RawClient.ts");

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PLAYERS = 16;
/** Seconds the room runs before a phase is measured (JIT warm-up, spectators' starts sent). */
const SETTLE_SECONDS = 3;
const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

const port = await freePort();
const server = spawn(process.execPath, ["--import", "tsx", "bench/server.ts"], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(port), LOG_LEVEL: "silent", ARENA_MIN_PLAYERS: String(PLAYERS), SPECTATORS_PER_ROOM: String(SPECTATORS), REPLAYS: "0", MAX_HTTP_CONNECTIONS_PER_IP: "100000" },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve, reject) => {
  server.once("exit", (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
  server.stdout!.on("data", (d: Buffer) => d.toString().includes('"ready":true') && resolve());
});
const base = `http://127.0.0.1:${port}`;
const players: Traffic = { bytesIn: 0, framesIn: 0, bytesOut: 0, framesOut: 0 };
const watchers: Traffic = { bytesIn: 0, framesIn: 0, bytesOut: 0, framesOut: 0 };
const rtt = new Histogram();
const clients: RawClientType[] = [];
try {
  // One idle client makes the room public and human; the fill bots take the other 15 seats.
  const first = await RawClient.connect(base, await reserveSeat(base, { create: "arena" }, "idle"), players, rtt);
  clients.push(first);
  await sleep(SETTLE_SECONDS);
  const alone = await serverCpu(server.pid!, SECONDS);

  for (let i = 0; i < SPECTATORS; i++) clients.push(await RawClient.connect(base, await reserveSeat(base, { roomId: first.seat.roomId }, `fan ${i}`, { spectate: true }), watchers, rtt));
  await sleep(SETTLE_SECONDS);
  const before = watchers.bytesIn;
  const watched = await serverCpu(server.pid!, SECONDS);
  const perSpectatorBytes = (watchers.bytesIn - before) / SECONDS / SPECTATORS;

  console.log(`one arena, ${PLAYERS} players (15 fill bots), 200 drones; ${SECONDS} s per phase`);
  console.log(`  server CPU, players alone:          ${alone.toFixed(1)} % of a core`);
  console.log(`  server CPU, with ${SPECTATORS} spectators:     ${watched.toFixed(1)} % of a core`);
  const each = (watched - alone) / SPECTATORS;
  // On a shared machine a few tenths of a percent either way is noise: say so rather than divide by it.
  console.log(`  per spectator:                      ${each.toFixed(4)} % of a core${each > 0 ? ` (about ${Math.round(100 / each)} spectators per core)` : " (within noise)"}`);
  console.log(`  received per spectator:             ${(perSpectatorBytes / 1024).toFixed(1)} KiB/s`);
} finally {
  for (const c of clients) c.close();
  server.kill("SIGTERM");
}

/** The process's CPU (user + system) over `seconds`, in % of one core, from /proc/<pid>/stat. */
async function serverCpu(pid: number, seconds: number): Promise<number> {
  const read = () => {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const rest = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(rest[11]) + Number(rest[12]);
  };
  const t0 = read();
  const w0 = performance.now();
  await sleep(seconds);
  return (((read() - t0) / CLOCK_TICKS_PER_SECOND) * 100_000) / (performance.now() - w0);
}

function sleep(seconds: number): Promise<void> {
  return new Promise((r) => setTimeout(r, seconds * 1000));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}
