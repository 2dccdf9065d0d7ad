/**
 * One benchmark run: a fresh server process and a fresh load generator process, each pinned
 * to its own core when there are two or more (server on core 0, generator on core 1), so
 * the generator's work never shows up as server CPU. Both stop by themselves: the generator
 * after its window, the server when told to, with a deadline in case either hangs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { compile } from "../scripts/compile.ts";
import type { GeneratorResult } from "./report.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface RunOptions {
  room: string;
  clients: number;
  /** Players per room: 16 in the standard scenario, up to 128 in the big-room one. */
  roomSize: number;
  /** Drones per room (the arena's ARENA_DRONES; the plain room gets as many). */
  drones: number;
  inputHz: number;
  /** Intents per input frame sent by the arena's raw load clients. */
  inputBatch: number;
  warmup: number;
  duration: number;
  port: number;
  botEvery: number;
  /** Directory for a `node --cpu-prof` profile of the server, or undefined for none. */
  profileDir?: string;
  /**
   * How the server runs: "compiled" (tsc's JavaScript in dist/bench, as `npm start` runs the
   * server), "tsx" (esbuild's loader, as `npm run dev` does) or "node" (Node 24's own
   * --experimental-transform-types, no loader and no esbuild helpers).
   */
  runtime: ServerRuntime;
  /** Extra Node flags for the server process, e.g. V8 heap tuning (`--max-semi-space-size=64`). */
  nodeArgs: string[];
  /** Directory for a V8 heap snapshot of the server taken right after the window, or undefined for none. */
  heapDir?: string;
}

export const SERVER_RUNTIMES = ["compiled", "tsx", "node"] as const;
export type ServerRuntime = (typeof SERVER_RUNTIMES)[number];
const RUNTIME_ARGS: Record<ServerRuntime, string[]> = {
  compiled: ["dist/bench/bench/server.js"],
  tsx: ["--import", "tsx", "bench/server.ts"],
  node: ["--experimental-transform-types", "--no-warnings", "bench/server.ts"],
};

/** Compile the server under test (bench/server.ts and what it imports) into dist/bench, as `npm run build` compiles the server. */
export function buildServerUnderTest(): void {
  if (!compile("bench/tsconfig.build.json", "dist/bench")) throw new Error("the server under test did not compile (bench/tsconfig.build.json)");
}

/** `taskset -c <core>` in front of a command when the machine has a core to spare for it. */
function pinned(core: number, args: string[]): [string, string[]] {
  return availableParallelism() >= 2 ? ["taskset", ["-c", String(core), ...args]] : [args[0]!, args.slice(1)];
}

export async function runOnce(o: RunOptions): Promise<GeneratorResult> {
  const nodeArgs = [
    ...o.nodeArgs,
    ...(o.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${o.profileDir}`] : []),
    ...(o.heapDir ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${o.heapDir}`] : []),
  ];
  const [serverCmd, serverArgs] = pinned(0, [process.execPath, ...nodeArgs, ...RUNTIME_ARGS[o.runtime]]);
  const spawnedAt = Date.now();
  const server = spawn(serverCmd, serverArgs, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(o.port), LOG_LEVEL: "silent", ARENA_MAX_PLAYERS: String(o.roomSize), ARENA_DRONES: String(o.drones) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const deadline = (o.warmup + o.duration + 120 + o.clients / 20) * 1000;
  try {
    await lineMatching(server, (l) => l.includes('"ready":true'), 30_000);
    const startupMs = Date.now() - spawnedAt;
    const [genCmd, genArgs] = pinned(1, [
      process.execPath, "--import", "tsx", "bench/load/main.ts",
      "--url", `http://127.0.0.1:${o.port}`, "--room", o.room, "--clients", String(o.clients), "--room-size", String(o.roomSize),
      "--input-hz", String(o.inputHz), "--input-batch", String(o.inputBatch), "--warmup", String(o.warmup), "--duration", String(o.duration),
      "--bot-every", String(o.botEvery),
    ]);
    const generator = spawn(genCmd, genArgs, { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "inherit"] });
    const line = await lineMatching(generator, (l) => l.startsWith("{"), deadline);
    const result = JSON.parse(line) as GeneratorResult;
    result.serverStartupMs = startupMs;
    result.drones = o.drones;
    // The window in seconds since the server started, to cut a --cpu-prof profile down to it
    // (the result line comes right after the window; the profiler starts with the process).
    const end = (Date.now() - spawnedAt) / 1000;
    if (o.profileDir) {
      result.profileWindowS = [end - result.windowSeconds, end];
      result.serverPid = server.pid; // taskset execs node, so this is the profiled process
    }
    if (o.heapDir) {
      // The clients are still in their rooms until the generator exits: snapshot now. V8 writes
      // it on the main thread, so the next answered request means the file is complete.
      server.kill("SIGUSR2");
      await fetch(`http://127.0.0.1:${o.port}/health`);
      result.serverPid = server.pid;
    }
    await exited(generator, 30_000);
    return result;
  } finally {
    server.kill("SIGINT"); // the server exits through process.exit, which writes --cpu-prof
    await exited(server, 30_000).catch(() => server.kill("SIGKILL"));
  }
}

/** The first stdout line that `match`es, or a rejection when the process ends or time runs out. */
function lineMatching(child: ChildProcess, match: (line: string) => boolean, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`no expected output within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      const hit = lines.find(match);
      if (hit === undefined) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stdout!.resume(); // keep draining so the child never blocks on a full pipe
      resolve(hit);
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited (${code}) before the expected output`));
    });
  });
}

function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("process did not exit in time")), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
