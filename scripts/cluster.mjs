// `npm run cluster [-- --processes N] [-- --port P] [-- --host H]`: N server processes
// (default 2) on consecutive ports from P (default PORT or 2567), sharing the Redis at
// REDIS_URL (default redis://127.0.0.1:6379) and the PostgreSQL at DATABASE_URL (required). No proxy needed: each process gets
// PUBLIC_ADDRESS=H:port, so a page served by any process connects straight to the process
// that holds its room, and ALLOWED_ORIGINS lists every process's origin for that.
// Ctrl-C (or any process exiting) stops them all. Run `npm run build` first (npm run cluster does).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { parseCommandLine, usageError } from "./cli.ts";

const tool = {
  usage: "npm run cluster -- [options]",
  summary: "N server processes on consecutive ports sharing the Redis at REDIS_URL (default redis://127.0.0.1:6379); Ctrl-C stops them all.",
  options: {
    processes: { type: "string", default: "2", help: "how many processes, 1 to 32" },
    port: { type: "string", default: process.env.PORT || "2567", help: "the first process's port (PORT, or 2567)" },
    host: { type: "string", default: "localhost", help: "the host name the processes advertise (PUBLIC_ADDRESS)" },
  },
};
const { values } = parseCommandLine(tool);
const count = Number(values.processes);
const first = Number(values.port);
if (!Number.isInteger(count) || count < 1 || count > 32) fail(`--processes must be an integer from 1 to 32, got "${values.processes}"`);
if (!Number.isInteger(first) || first < 1 || first + count - 1 > 65535) fail(`--port must be a port such that all ${count} fit below 65536, got "${values.port}"`);
if (!/^[A-Za-z0-9.-]+$/.test(values.host)) fail(`--host must be a host name or address, got "${values.host}"`);

// Accounts must be shared like rooms: each process's embedded database would hold its own
// accounts, so a sign-in made on one process would be refused by the others.
if (!process.env.DATABASE_URL) fail("DATABASE_URL must name the PostgreSQL the processes share (accounts live there), e.g. DATABASE_URL=postgres://user:password@127.0.0.1:5432/skirmish");
// One signing key for every process (each would otherwise generate its own unless they share DATA_DIR).
const authSecret = process.env.AUTH_SECRET || randomBytes(32).toString("base64url");
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const ports = Array.from({ length: count }, (_, i) => first + i);
const origins = ports.flatMap((p) => [`http://${values.host}:${p}`, `https://${values.host}:${p}`]).join(",");
/** The line server/main.ts logs once bound, in the pretty or the JSON log format. */
const LISTENING = /skirmish listening/;

const children = ports.map((port) =>
  spawn(process.execPath, ["server/start.mjs"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      REDIS_URL: redisUrl,
      AUTH_SECRET: authSecret,
      PUBLIC_ADDRESS: `${values.host}:${port}`,
      ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS || origins,
      LOG_LEVEL: process.env.LOG_LEVEL === "silent" ? "info" : process.env.LOG_LEVEL ?? "info",
    },
  }),
);

let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 10_000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : undefined))).then(() => process.exit(code));
};
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

let listening = 0;
children.forEach((child, i) => {
  const tag = `[${ports[i]}] `;
  let seen = false;
  child.stdout.setEncoding("utf8").on("data", (text) => {
    process.stdout.write(text.replace(/^(?=.)/gm, tag));
    if (!seen && LISTENING.test(text)) {
      seen = true;
      if (++listening === count) {
        console.log(`\n${count} processes share ${redisUrl.replace(/\/\/[^@]*@/, "//***@")}. Open http://${values.host}:${ports[0]}`);
        console.log(`(any of ${ports.map((p) => `http://${values.host}:${p}`).join(", ")} works; rooms live on every process)\n`);
      }
    }
  });
  child.on("exit", (code) => {
    if (stopping) return;
    console.error(`${tag}exited with code ${code}; stopping the cluster`);
    stop(code || 1);
  });
});

function fail(message) {
  usageError(tool, `npm run cluster: ${message}`);
}
