/**
 * `npm run bench:store`: the accounts database on its own, in one process: how long opening
 * it takes (connect + migrations, a fresh database) and the latency of a guest sign-in (one
 * transaction of three inserts) and of a refresh (a transaction that reads, updates and
 * inserts), sequentially, on the embedded database (a fresh DATA_DIR) and, when
 * --database-url is given, on PostgreSQL. Wall-clock latency: run it on a quiet machine.
 *
 *   npm run bench:store [-- --writes 500] [-- --database-url postgres://…]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Accounts } from "../server/auth/Accounts.ts";
import { parseCommandLine, usageError } from "../scripts/cli.ts";
import { ms, timeEach } from "./latency.ts";

const tool = {
  usage: "npm run bench:store -- [options]",
  summary: "Open time and sign-in/refresh write latency of the accounts database (embedded, and PostgreSQL with --database-url).",
  options: {
    writes: { type: "string", default: "500", help: "sign-ins (and as many refreshes) to time, a whole number from 1" },
    "database-url": { type: "string", default: "", help: "a postgres:// URL of an empty database to time as well" },
  },
} as const;
const { values: a } = parseCommandLine(tool);
const WRITES = Number(a.writes);
if (!Number.isInteger(WRITES) || WRITES < 1) usageError(tool, `--writes must be a whole number from 1, got "${a.writes}"`);

async function bench(label: string, open: () => Promise<Accounts>): Promise<void> {
  const t = performance.now();
  const accounts = await open();
  const opened = performance.now() - t;
  const refresh: string[] = [];
  const guests = await timeEach(WRITES, async (i) => refresh.push((await accounts.guest(`p${i}`)).refreshToken), true);
  const refreshes = await timeEach(WRITES, (i) => accounts.refresh(refresh[i]!), true);
  await accounts.close();
  console.log(`${label}: open + migrate ${ms(opened)}; guest sign-in ${guests}; refresh ${refreshes}`);
}

const dir = mkdtempSync(join(tmpdir(), "skirmish-bench-store-"));
try {
  await bench("embedded (node:sqlite, WAL)", () => Accounts.open({ dataDir: dir, secret: "bench-secret-bench-secret-bench-secret" }));
  if (a["database-url"]) await bench("PostgreSQL", () => Accounts.open({ dataDir: dir, databaseUrl: a["database-url"], secret: "bench-secret-bench-secret-bench-secret" }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
