/**
 * A service binary (redis-server today, a PostgreSQL server later) run as a child of the test
 * process, in the foreground, and made to die with it however the test process ends:
 * - a normal end, SIGINT or SIGTERM: the exit and signal handlers below kill every live child;
 * - SIGKILL, where no handler runs: the child is started through util-linux's `setpriv
 *   --pdeathsig KILL`, so the kernel kills it when its parent dies (prctl PR_SET_PDEATHSIG,
 *   which survives the exec of the service binary).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const START_TIMEOUT_MS = 15_000;

export interface ServiceProcessOptions {
  /** The binary: a name looked up on PATH, or an absolute path. */
  command: string;
  args: readonly string[];
  /** Printed by the service (stdout or stderr) once it accepts connections. */
  ready: RegExp;
  /** How to install the binary, for the error when it is missing. */
  installHint: string;
}

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Send `signal` and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const live = new Set<ChildProcess>();
let handlersInstalled = false;

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // kill() is synchronous, so it works in an exit handler.
  process.on("exit", () => live.forEach((c) => c.kill("SIGKILL")));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      live.forEach((c) => c.kill("SIGKILL"));
      // Our listener replaced Node's default (exit); re-raise so the process still ends,
      // unless someone else (vitest) listens and decides how to end.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/** The parent-death guard's binary, when this machine has it (Debian's util-linux does). */
function setprivPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, "setpriv"), constants.X_OK);
      return join(dir, "setpriv");
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Start the service and resolve once it prints its ready line. */
export async function startServiceProcess(o: ServiceProcessOptions): Promise<ServiceProcess> {
  installExitHandlers();
  const guard = setprivPath();
  const [cmd, args] = guard ? [guard, ["--pdeathsig", "KILL", "--", o.command, ...o.args]] : [o.command, [...o.args]];
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  child.once("exit", () => live.delete(child));
  const output: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${o.command} did not start within ${START_TIMEOUT_MS} ms:\n${output.join("")}`)), START_TIMEOUT_MS);
      const done = (e?: Error) => {
        clearTimeout(timer);
        if (e) reject(e);
        else resolve();
      };
      child.once("error", (e) => done(new Error(`cannot run ${o.command} (${e.message}); install it: ${o.installHint}`)));
      const onData = (s: string) => {
        output.push(s);
        if (o.ready.test(output.join(""))) done();
      };
      child.stdout!.setEncoding("utf8").on("data", onData);
      child.stderr!.setEncoding("utf8").on("data", onData);
      child.once("exit", (code) => {
        // setpriv exits 127 when it cannot exec the service binary.
        const missing = guard && code === 127 ? `; is it installed? ${o.installHint}` : "";
        done(new Error(`${o.command} exited (code ${code}) before it was ready${missing}:\n${output.join("")}`));
      });
    });
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return {
    child,
    stop: (signal = "SIGTERM") => stopChild(child, signal),
  };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
