/**
 * A throwaway `redis-server` (Debian's package) on a free port of 127.0.0.1, in memory only,
 * working in a temporary directory that is removed when it stops. The test run's services
 * start one (testServices.ts); the outage test starts its own, to kill it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServiceProcess, type ServiceProcess } from "./serviceProcess.ts";

export const REDIS_INSTALL_HINT = "sudo apt-get install -y redis-server";

export interface RedisServer {
  url: string;
  port: number;
  /** SIGKILL: Redis vanishes as in a crash. */
  kill(): Promise<void>;
  /** Start again on the same port (empty, as a restarted in-memory Redis is). */
  restart(): Promise<void>;
  /** Stop for good and remove its directory. */
  stop(): Promise<void>;
}

/** A port the OS says is free now (it is released at once; the service binds it next). */
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
  const dir = mkdtempSync(join(tmpdir(), "skirmish-redis-"));
  const launch = () =>
    startServiceProcess({
      command: "redis-server",
      // No config file: every setting is here. No persistence, so the directory stays empty.
      args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
      ready: /Ready to accept connections/,
      installHint: REDIS_INSTALL_HINT,
    });
  let proc: ServiceProcess;
  try {
    proc = await launch();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => proc.stop("SIGKILL"),
    async restart() {
      proc = await launch();
    },
    async stop() {
      await proc.stop("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
