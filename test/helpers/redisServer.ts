/**
 * A throwaway `redis-server` (Debian's package) on a free port of 127.0.0.1, in memory only.
 * The vitest global setup starts one when TEST_REDIS_URL is not given; the outage test starts
 * its own, to kill it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

const READY = /Ready to accept connections/;
const START_TIMEOUT_MS = 10_000;

export interface RedisServer {
  url: string;
  port: number;
  /** SIGKILL: Redis vanishes as in a crash. */
  kill(): Promise<void>;
  /** Start again on the same port (empty, as a restarted in-memory Redis is). */
  restart(): Promise<void>;
}

/** A port the OS says is free now (it is released at once; redis-server binds it next). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async kill() {
      await stopChild(child, "SIGKILL");
    },
    async restart() {
      child = await launch(port);
    },
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms:\n${output.join("")}`)), START_TIMEOUT_MS);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run redis-server (${e.message}); install it: sudo apt-get install -y redis-server`));
    });
    child.stdout!.setEncoding("utf8").on("data", (s: string) => {
      output.push(s);
      if (READY.test(output.join(""))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.setEncoding("utf8").on("data", (s: string) => output.push(s));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (code ${code}) before it was ready:\n${output.join("")}`));
    });
  });
  return child;
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
