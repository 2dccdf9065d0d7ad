/**
 * `npm run bench:fallback`: what a client costs over the HTTP fallback against WebSocket, side
 * by side in one run. A real server (in this process, built as `npm start` builds it) runs one
 * arena with moving, firing bots on WebSocket (`npm run bots`, in a process of their own). Then, one transport at a time, `--clients`
 * observers join that arena from a child process (bench/fallbackClients.ts) and stay
 * `--seconds`, pinging every 250 ms. For each transport it prints:
 *   - server CPU per observer-second: this process's CPU over the window, less the same
 *     window's cost with the bots alone (measured first);
 *   - bytes per observer-second: everything the observers' TCP connections carried to and from
 *     the server (matchmaking, HTTP headers, WebSocket framing included);
 *   - the round trip of a Colyseus ping (p50 / p95), whose difference from WebSocket is the
 *     latency the fallback adds;
 *   - the observers' own CPU (the child process);
 * and for the fallback, what gzip would save and cost on the stream's and the polls' responses.
 *
 *   npm run bench:fallback [-- --clients 8 --seconds 10]
 */
import { spawn } from "node:child_process";
import type { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { parseCommandLine, usageError } from "../scripts/cli.ts";

const tool = {
  usage: "npm run bench:fallback -- [options]",
  summary: "Server CPU, bytes and round trip per client over the HTTP fallback (stream and long-poll) against WebSocket, and gzip of the fallback's responses.",
  options: {
    clients: { type: "string", default: "8", help: "observers per transport, 1 to 10" },
    seconds: { type: "string", default: "10", help: "how long each transport is measured, 2 to 120" },
  },
} as const;
const { values: a } = parseCommandLine(tool);
const CLIENTS = Number(a.clients);
const SECONDS = Number(a.seconds);
if (!Number.isInteger(CLIENTS) || CLIENTS < 1 || CLIENTS > 10) usageError(tool, `--clients must be a whole number from 1 to 10, got "${a.clients}"`);
if (!Number.isInteger(SECONDS) || SECONDS < 2 || SECONDS > 120) usageError(tool, `--seconds must be a whole number from 2 to 120, got "${a.seconds}"`);

const { matchMaker } = await import("colyseus");
const { createServer } = await import("../server/app.ts");
const { loadConfig } = await import("../server/config.ts");

const BOTS = 6;
const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", ARENA_DRONES: "50", MAX_CONNECTIONS_PER_IP: "1000", MAX_HTTP_CONNECTIONS_PER_IP: "2000", MATCHMAKE_PER_IP_PER_MINUTE: "100000" });
const server = createServer(config);
await server.listen(0, "127.0.0.1");
const http = server.transport.server!;
const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;

// Every TCP connection the server accepts, to count the observers' bytes.
const sockets = new Set<Socket>();
http.on("connection", (s: Socket) => sockets.add(s));

// The bots in a process of their own (npm run bots), so this process's CPU is the server's alone.
const botsProcess = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("../headless/bots/main.ts", import.meta.url)), "--url", url, "--count", String(BOTS)], { stdio: "ignore", env: { ...process.env, LOG_LEVEL: "silent" } });
let roomId = "";
while (!roomId) {
  await new Promise((r) => setTimeout(r, 200));
  const rooms = await matchMaker.query({ name: "arena" });
  roomId = rooms.find((r) => r.clients >= BOTS)?.roomId ?? "";
}

const cpuMs = (d: NodeJS.CpuUsage) => (d.user + d.system) / 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The bots alone, for the baseline.
await sleep(1000);
const b0 = process.cpuUsage();
await sleep(SECONDS * 1000);
const baselineMs = cpuMs(process.cpuUsage(b0));

interface ChildResult {
  rttP50: number;
  rttP95: number;
  samples: number;
  clientCpuMs: number;
  gzip?: { rawBytes: number; gzipBytes: number; cpuMs: number };
}

/** One transport's window: the child's observers join, then the window runs until it reports. */
async function measure(mode: "websocket" | "stream" | "poll") {
  const before = new Set(sockets);
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("fallbackClients.ts", import.meta.url)), "--url", url, "--room", roomId, "--mode", mode, "--clients", String(CLIENTS), "--seconds", String(SECONDS)], { stdio: ["ignore", "pipe", "inherit"] });
  let cpu0: NodeJS.CpuUsage | undefined;
  const start = new Map<Socket, number>();
  let result: ChildResult | undefined;
  let buffered = "";
  child.stdout.on("data", (d: Buffer) => {
    buffered += d.toString();
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (!line.startsWith("{")) continue;
      const msg = JSON.parse(line) as { ready?: boolean } & ChildResult;
      if (msg.ready) {
        cpu0 = process.cpuUsage();
        for (const s of sockets) if (!before.has(s)) start.set(s, s.bytesRead + s.bytesWritten);
      } else result = msg;
    }
  });
  // Bytes are counted from the window's start (the joins before it are not), on the observers' sockets only.
  let bytes = 0;
  let exited = false;
  const ended = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (!result && !exited) return;
      clearInterval(check);
      if (result) resolve();
      else reject(new Error(`the ${mode} observers exited without a result (their error is above)`));
    }, 20);
  });
  const cpu = cpuMs(process.cpuUsage(cpu0));
  for (const s of sockets) if (!before.has(s)) bytes += s.bytesRead + s.bytesWritten - (start.get(s) ?? 0);
  await ended;
  const perClientSecond = CLIENTS * SECONDS;
  return { mode, serverCpu: (cpu - baselineMs) / perClientSecond, bytes: bytes / perClientSecond, ...result! };
}

const rows = [];
for (const mode of ["websocket", "stream", "poll"] as const) rows.push(await measure(mode));
botsProcess.kill("SIGINT");
await new Promise((r) => botsProcess.once("exit", r));
await server.gracefullyShutdown(false);

const ws = rows[0]!;
console.log(`bench:fallback: ${CLIENTS} observers per transport in one arena (${BOTS} moving, firing bots, 50 drones), ${SECONDS} s each; server CPU above the bots-alone baseline (${(baselineMs / SECONDS).toFixed(1)} ms/s).`);
console.log("");
console.log("| transport | server CPU, ms per client-second | bytes per client-second | round trip p50 / p95, ms | added p50, ms | client CPU, ms per client-second |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) {
  const name = r.mode === "websocket" ? "WebSocket" : r.mode === "stream" ? "fallback, stream" : "fallback, long-poll";
  const added = r.mode === "websocket" ? "—" : (r.rttP50 - ws.rttP50).toFixed(0);
  console.log(`| ${name} | ${r.serverCpu.toFixed(2)} | ${Math.round(r.bytes)} | ${r.rttP50.toFixed(0)} / ${r.rttP95.toFixed(0)} | ${added} | ${(r.clientCpuMs / (CLIENTS * SECONDS)).toFixed(2)} |`);
}
console.log("");
console.log("gzip on the observers' fallback responses (stream: one gzip stream per response, flushed after every write, as a live stream needs; long-poll: each answer alone), per client-second:");
console.log("");
console.log("| responses | bytes | gzipped | saved | gzip CPU, ms |");
console.log("|---|---|---|---|---|");
for (const r of rows.slice(1)) {
  const g = r.gzip!;
  const per = CLIENTS * SECONDS;
  console.log(`| ${r.mode === "stream" ? "stream" : "long-poll"} | ${Math.round(g.rawBytes / per)} | ${Math.round(g.gzipBytes / per)} | ${Math.round((100 * (g.rawBytes - g.gzipBytes)) / Math.max(1, g.rawBytes))} % | ${(g.cpuMs / per).toFixed(3)} |`);
}
process.exit(0);
