/**
 * The app under test, built and started the way `npm start` does it (`vite build`, then
 * `node server/start.mjs`), except that the client is built with the test hooks and the
 * server asks the OS for a free port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
/** Where the server serves the client from (server/app.ts, CLIENT_DIST). */
const DIST = fileURLToPath(new URL("../../../dist/", import.meta.url));
const CLIENT = join(DIST, "client");
const VITE = fileURLToPath(new URL("../../../node_modules/vite/bin/vite.js", import.meta.url));
/**
 * A pattern for one JSON log line (the server runs with LOG_FORMAT=json) with this message
 * and these fields, in any order; a RegExp value matches the field's raw JSON value.
 */
export function logLine(msg: string, fields: Record<string, string | number | RegExp> = {}): RegExp {
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const field = (k: string, v: string | number | RegExp) => `(?=.*"${esc(k)}":${v instanceof RegExp ? v.source : esc(JSON.stringify(v))}[,}])`;
  return new RegExp(`^(?=.*"msg":${esc(JSON.stringify(msg))})${Object.entries(fields).map(([k, v]) => field(k, v)).join("")}`, "m");
}

/** The line server/main.ts logs once it is bound; it names the scheme (https with TLS_CERT_FILE) and the real port. */
const LISTENING = /^(?=.*"msg":"skirmish listening").*"url":"(https?):\/\/localhost:(\d+)"/m;
const START_TIMEOUT_MS = 30_000;

export interface App {
  url: string;
  /** Everything the server printed, for the failure report. */
  log: string[];
  /** Resolves once the server has printed a line matching `pattern`; rejects after `timeout` ms. */
  logged(pattern: RegExp, timeout?: number): Promise<void>;
  /** Send the server process a signal (the hosting tests stall one with SIGSTOP and SIGCONT). */
  signal(signal: NodeJS.Signals): void;
  /** The server's process id, to signal it. */
  pid: number;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * `VITE_TEST_HOOKS=1 vite build` into dist/client, where the server serves it from.
 *
 * Every browser test file calls this, and vitest runs files side by side, so one file may
 * build while another's server is serving pages. So the build goes to a scratch directory,
 * and each file is then renamed into dist/client (atomic): a page loading meanwhile gets the
 * old file or the new one, never a half-written or missing one. The build is deterministic
 * (same sources, same bytes and content-hashed names), so removing what it did not produce
 * (an earlier build's assets) never removes a file another test file's pages still load.
 */
export async function buildClient(): Promise<void> {
  mkdirSync(DIST, { recursive: true });
  const scratch = mkdtempSync(join(DIST, ".client-e2e-"));
  try {
    const child = spawn(process.execPath, [VITE, "build", "--logLevel", "warn", "--outDir", scratch, "--emptyOutDir"], {
      cwd: ROOT,
      env: { ...npmStartEnv(), VITE_TEST_HOOKS: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = collect(child);
    const code = await exitCode(child);
    if (code !== 0) throw new Error(`vite build failed (exit ${code}):\n${output.join("")}`);
    // Assets first, index.html last: a page never gets an index naming files not there yet.
    const files = filesIn(scratch).sort((a, b) => Number(a === "index.html") - Number(b === "index.html"));
    for (const file of files) {
      mkdirSync(dirname(join(CLIENT, file)), { recursive: true });
      renameSync(join(scratch, file), join(CLIENT, file));
    }
    for (const stale of filesIn(CLIENT)) if (!files.includes(stale)) rmSync(join(CLIENT, stale), { force: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Every file under `dir`, as paths relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => relative(dir, join(f.parentPath, f.name)));
}

/**
 * Start `node server/start.mjs` on a free port (or `env.PORT`); resolves once /health answers.
 * `env` adds to or overrides the process's environment (the hosting tests pass REDIS_URL).
 * With TLS_CERT_FILE the URL is https://, and this process must trust the certificate
 * (test/helpers/testCert.ts, trustInThisProcess).
 */
export async function startApp(env: Record<string, string> = {}): Promise<App> {
  // Each app its own embedded database (never the repo's ./data), removed when it stops; a test may pass DATA_DIR.
  const dataDir = env.DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), "skirmish-app-data-"));
  const child = spawn(process.execPath, ["server/start.mjs"], {
    cwd: ROOT,
    // LOG_LEVEL=info: the test runner silences server logs, but we need the "listening" line.
    env: { ...npmStartEnv(), PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", LOG_FORMAT: "json", ...(dataDir ? { DATA_DIR: dataDir } : {}), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = collect(child);
  // In the failure report, a server that died mid-file says so (a stop shows here too).
  child.once("exit", (code, signal) => log.push(`[server exited: code ${code}, signal ${signal}]\n`));
  const exited = exitCode(child);
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const listening = logged(child, log, LISTENING, START_TIMEOUT_MS);
    const died = exited.then((code) => Promise.reject(new Error(`the server exited (code ${code}) before listening`)));
    // Whichever loses the race settles later with no one listening; that is not an error.
    for (const p of [listening, died]) p.catch(() => undefined);
    await Promise.race([listening, died]);
    const [, scheme, port] = LISTENING.exec(log.join(""))!;
    const url = `${scheme}://127.0.0.1:${port}`;
    await healthy(url);
    return { url, log, logged: (pattern, timeout = 5_000) => logged(child, log, pattern, timeout), signal: (sig) => void child.kill(sig), pid: child.pid!, exited, stop };
  } catch (e) {
    await stop();
    throw new Error(`${e instanceof Error ? e.message : String(e)}\nserver output:\n${log.join("")}`);
  }
}

/**
 * The environment `npm start` would see, without what vitest sets (NODE_ENV, MODE, TEST,
 * VITEST*). NODE_ENV=test in particular makes `vite build` a development build, whose
 * client then connects to port 2567 instead of the server that served the page.
 */
function npmStartEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ["NODE_ENV", "MODE", "TEST"]) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  return env;
}

function collect(child: ChildProcess): string[] {
  const chunks: string[] = [];
  child.stdout?.setEncoding("utf8").on("data", (s: string) => chunks.push(s));
  child.stderr?.setEncoding("utf8").on("data", (s: string) => chunks.push(s));
  return chunks;
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

function logged(child: ChildProcess, log: string[], pattern: RegExp, timeout: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = (): void => {
      child.stdout?.off("data", check);
      child.stderr?.off("data", check);
    };
    const check = (): void => {
      if (!pattern.test(log.join(""))) return;
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(() => {
      off();
      reject(new Error(`the server did not log ${pattern} within ${timeout} ms`));
    }, timeout);
    // Registered after collect()'s listeners, so the chunk is already in `log` when this runs.
    // Both streams: warnings and errors go to stderr.
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    check();
  });
}

/**
 * One request to /health. The server logs "listening" only after listen() resolved, so the
 * HTTP routes already answer; no polling needed. A failure here is a real failure.
 */
async function healthy(url: string): Promise<void> {
  const res = await fetch(`${url}/health`);
  if (!res.ok) throw new Error(`${url}/health answered ${res.status}`);
}
