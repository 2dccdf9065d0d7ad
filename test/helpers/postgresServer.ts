/**
 * A throwaway PostgreSQL server (Debian's `postgresql` package) on a free port of 127.0.0.1,
 * its cluster in a temporary directory that is removed when it stops. initdb and postgres
 * refuse to run as root, so as root both run as the `postgres` user (setpriv), in a directory
 * that user owns. fsync is off: the tests never survive a power cut, and it is much faster.
 */
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./redisServer.ts";
import { startServiceProcess } from "./serviceProcess.ts";

export const POSTGRES_BIN_DIR = "/usr/lib/postgresql/15/bin";
export const POSTGRES_INSTALL_HINT = "sudo apt-get install -y postgresql";

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  stop(): Promise<void>;
}

interface RunAs {
  uid: number;
  gid: number;
  /** The command line prefix that becomes that user. */
  prefix: string[];
}

/** As root, the postgres user (looked up by name); otherwise ourselves. */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g"), prefix: ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] };
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "skirmish-pg-"));
  const data = join(dir, "data");
  const as = runAs();
  try {
    if (as) chownSync(dir, as.uid, as.gid);
    const initdb = [...(as?.prefix ?? []), join(POSTGRES_BIN_DIR, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"];
    try {
      execFileSync(initdb[0]!, initdb.slice(1), { stdio: "pipe" });
    } catch (e) {
      const err = e as { code?: string; stderr?: Buffer };
      throw new Error(err.code === "ENOENT" ? `no initdb in ${POSTGRES_BIN_DIR}; install it: ${POSTGRES_INSTALL_HINT}` : `initdb failed: ${String(err.stderr ?? e)}`);
    }
    // The uid change clears a parent-death signal, so the guard is set again after it (serviceProcess.ts).
    const guard = as ? [...as.prefix.slice(1), "setpriv", "--pdeathsig", "KILL", "--"] : [];
    const proc = await startServiceProcess({
      command: as ? "setpriv" : join(POSTGRES_BIN_DIR, "postgres"),
      args: [...guard, ...(as ? [join(POSTGRES_BIN_DIR, "postgres")] : []), "-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
      ready: /database system is ready to accept connections/,
      installHint: POSTGRES_INSTALL_HINT,
    });
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        // SIGINT: PostgreSQL's fast shutdown (ends sessions, no waiting on clients).
        await proc.stop("SIGINT");
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
