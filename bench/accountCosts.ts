/**
 * `npm run bench:accounts`: what accounts cost the game, in one process.
 *  - Joins per second into the arena, anonymous against signed in (a token verified, the
 *    sign-in checked live, the ban checked and the blocks read: four indexed reads per join),
 *    with --concurrency joins in flight, each joined then left, through the real server
 *    (createServer, as `npm start` builds it) and real SDK clients.
 *  - Match-end write latency (outbox file + the result's transaction, the path a finished
 *    Connect Four game takes), p50/p99 with --writers writes in flight ("under load").
 * On the embedded database (a fresh DATA_DIR) and on PostgreSQL: --database-url, else
 * DATABASE_URL, else a throwaway PostgreSQL started like the test run's (initdb in a temporary
 * folder, stopped at the end), when its binaries are installed. Wall-clock figures: on a
 * shared machine, say so beside them.
 *
 *   npm run bench:accounts [-- --joins 300 --concurrency 10 --writes 400 --writers 8]
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { parseCommandLine, usageError } from "../scripts/cli.ts";
import type { PostgresServer } from "../test/helpers/postgresServer.ts";

const tool = {
  usage: "npm run bench:accounts -- [options]",
  summary: "Joins per second with accounts against without, and match-end write latency under load, on the embedded database and PostgreSQL.",
  options: {
    joins: { type: "string", default: "300", help: "joins to time per kind (anonymous, signed in), a whole number from 1" },
    concurrency: { type: "string", default: "10", help: "joins in flight at once, from 1" },
    writes: { type: "string", default: "400", help: "match results to write, from 1" },
    writers: { type: "string", default: "8", help: "match results in flight at once, from 1" },
    "database-url": { type: "string", default: "", help: "a postgres:// URL of an empty database (else DATABASE_URL, else a throwaway PostgreSQL)" },
  },
} as const;
const { values: a } = parseCommandLine(tool);
const whole = (name: keyof typeof a): number => {
  const n = Number(a[name]);
  if (!Number.isInteger(n) || n < 1) usageError(tool, `--${name} must be a whole number from 1, got "${a[name]}"`);
  return n;
};
const [JOINS, CONCURRENCY, WRITES, WRITERS] = [whole("joins"), whole("concurrency"), whole("writes"), whole("writers")];
const SECRET = "bench-accounts-secret-of-32-characters";
// Imported once the command line is read: colyseus prints a note about .env files as it loads, which --help must not show.
const { Client } = await import("@colyseus/sdk");
const { matchMaker } = await import("colyseus");
const { createServer } = await import("../server/app.ts");
const { Accounts } = await import("../server/auth/Accounts.ts");
const { loadConfig } = await import("../server/config.ts");
const { durableSink, ResultOutbox } = await import("../server/kit/ResultOutbox.ts");
const { PROTOCOL_VERSION } = await import("../shared/protocol.ts");
const { startPostgresServer } = await import("../test/helpers/postgresServer.ts");

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (n: number): string => `${n.toFixed(2)} ms`;

/** Run `n` tasks with `width` in flight; resolves with each task's latency, sorted, and the total time. */
async function inFlight(n: number, width: number, task: (i: number) => Promise<unknown>): Promise<{ lat: number[]; totalMs: number }> {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await task(i);
        lat.push(performance.now() - t);
      }
    }),
  );
  return { lat: lat.sort((x, y) => x - y), totalMs: performance.now() - t0 };
}

async function bench(label: string, databaseUrl: string | undefined): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "skirmish-bench-accounts-"));
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", DATA_DIR: dataDir, AUTH_SECRET: SECRET, MAX_CONNECTIONS_PER_IP: "100000", MAX_HTTP_CONNECTIONS_PER_IP: "100000", MATCHMAKE_PER_IP_PER_MINUTE: "10000000", MAX_ROOMS: "10000", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const accounts = await Accounts.open({ databaseUrl, dataDir, secret: SECRET });
  const server = createServer(config, { accounts });
  await server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.transport.server!.address() as AddressInfo).port}`;
  try {
    const tokens = await Promise.all(Array.from({ length: JOINS }, async (_, i) => (await accounts.guest(`bench ${i}`)).token));
    const joinOnce = async (token: string | undefined) => {
      const client = new Client(url);
      if (token) client.auth.token = token;
      const room = await client.joinOrCreate("arena", { name: "bench", protocol: PROTOCOL_VERSION });
      room.onMessage("*", () => undefined);
      await room.leave(true);
    };
    // Warm up first (the first room, the JIT), so neither kind pays for it.
    await inFlight(CONCURRENCY * 2, CONCURRENCY, (i) => joinOnce(i % 2 ? tokens[i % JOINS] : undefined));
    const anon = await inFlight(JOINS, CONCURRENCY, () => joinOnce(undefined));
    const signed = await inFlight(JOINS, CONCURRENCY, (i) => joinOnce(tokens[i]));
    const rate = (r: { totalMs: number }) => ((JOINS / r.totalMs) * 1000).toFixed(0);
    console.log(`${label}: joins/s anonymous ${rate(anon)} (p99 ${ms(quantile(anon.lat, 0.99))}), signed in ${rate(signed)} (p99 ${ms(quantile(signed.lat, 0.99))}) [${JOINS} joins, ${CONCURRENCY} in flight]`);

    const players = await Promise.all(Array.from({ length: 2 * WRITERS }, async (_, i) => (await accounts.guest(`rated ${i}`)).account.id));
    const sink = durableSink(accounts.ratings, new ResultOutbox(join(dataDir, "outbox")));
    // Each writer rates its own pair, as concurrent games of different players do.
    const writes = await inFlight(WRITES, WRITERS, (i) => {
      const pair = i % WRITERS;
      return sink.recordMatch({ matchId: `bench:${i}`, game: "connect4", players: [{ accountId: players[2 * pair]!, place: 1 }, { accountId: players[2 * pair + 1]!, place: 2 }] });
    });
    console.log(`${label}: match-end write (outbox + transaction) p50 ${ms(quantile(writes.lat, 0.5))}, p99 ${ms(quantile(writes.lat, 0.99))}, max ${ms(writes.lat.at(-1)!)} [${WRITES} writes, ${WRITERS} in flight]`);
  } finally {
    await matchMaker.disconnectAll();
    await server.gracefullyShutdown(false);
    await accounts.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Wait until this connection is the database server's only client session. */
async function untilNoOtherSessions(databaseUrl: string): Promise<void> {
  const c = new pg.Client(databaseUrl);
  await c.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await c.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
      if (Number(rows[0]!.n) === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await c.end();
  }
}

await bench("embedded (node:sqlite)", undefined);
let throwaway: PostgresServer | undefined;
let url = a["database-url"] || process.env.DATABASE_URL || "";
if (!url) {
  try {
    throwaway = await startPostgresServer();
    url = throwaway.url;
  } catch (e) {
    console.log(`PostgreSQL: skipped, none could be started (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); pass --database-url`);
  }
}
try {
  if (url) await bench("PostgreSQL", url);
  // The pool's sockets close after destroy() resolves; a fast shutdown meanwhile would end them with an error.
  if (throwaway) await untilNoOtherSessions(url);
} finally {
  await throwaway?.stop();
}
process.exit(0);
