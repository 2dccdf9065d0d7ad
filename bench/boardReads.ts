/**
 * `npm run bench:boards`: the leaderboard and match-history reads on their own, in one process,
 * over a populated database: `--accounts` guests play `--matches` seeded-random Connect Four
 * games (each written as the rooms write them: match, players, all-time and season ratings in
 * one transaction, timed too), then `--reads` of each: the board's first page, a deep page, the
 * first page with a `me` off it (the rank count), and one account's history page. On the
 * embedded database (a fresh DATA_DIR) and, with --database-url, on PostgreSQL. Wall-clock
 * latency: run it on a quiet machine.
 *
 *   npm run bench:boards [-- --accounts 2000 --matches 4000 --reads 200] [-- --database-url postgres://…]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Accounts } from "../server/auth/Accounts.ts";
import { PAGE_SIZE } from "../server/store/leaderboardStore.ts";
import { createRng } from "../shared/rng.ts";
import { parseCommandLine, usageError } from "../scripts/cli.ts";
import { timeEach } from "./latency.ts";

const tool = {
  usage: "npm run bench:boards -- [options]",
  summary: "Leaderboard and match-history read latency over a populated accounts database (embedded, and PostgreSQL with --database-url).",
  options: {
    accounts: { type: "string", default: "2000", help: "accounts on the board, a whole number from 2" },
    matches: { type: "string", default: "4000", help: "rated games written first, a whole number from 1" },
    reads: { type: "string", default: "200", help: "reads of each kind to time, a whole number from 1" },
    "database-url": { type: "string", default: "", help: "a postgres:// URL of an empty database to time as well" },
  },
} as const;
const { values: a } = parseCommandLine(tool);
const whole = (name: "accounts" | "matches" | "reads", min: number): number => {
  const n = Number(a[name]);
  if (!Number.isInteger(n) || n < min) usageError(tool, `--${name} must be a whole number from ${min}, got "${a[name]}"`);
  return n;
};
const [ACCOUNTS, MATCHES, READS] = [whole("accounts", 2), whole("matches", 1), whole("reads", 1)];
const SECRET = "bench-secret-bench-secret-bench-secret";

async function bench(label: string, open: () => Promise<Accounts>): Promise<void> {
  const accounts = await open();
  try {
    const ids: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) ids.push((await accounts.guest(`p${i}`)).account.id);
    const rng = createRng(16);
    const pick = () => ids[Math.floor(rng.next() * ids.length)]!;
    const writes = await timeEach(MATCHES, async (i) => {
      const winner = pick();
      let loser = pick();
      while (loser === winner) loser = pick();
      await accounts.ratings.recordMatch({ matchId: `bench:${i}`, game: "connect4", players: [{ accountId: winner, place: 1 }, { accountId: loser, place: 2 }], replayId: "bench" });
    });
    const pages = Math.max(1, Math.ceil(ACCOUNTS / PAGE_SIZE));
    const season = { season: accounts.ratings.currentSeason() };
    const first = await timeEach(READS, () => accounts.boards.page("connect4", "all", 1));
    const deep = await timeEach(READS, () => accounts.boards.page("connect4", season, pages));
    const withMe = await timeEach(READS, (i) => accounts.boards.page("connect4", "all", 1, ids[ids.length - 1 - (i % ids.length)]));
    const history = await timeEach(READS, (i) => accounts.history.page(ids[i % ids.length]!, 20));
    console.log(`${label} (${ACCOUNTS} accounts, ${MATCHES} games): match write ${writes}; board page 1 ${first}; season page ${pages} ${deep}; page 1 with me ${withMe}; history page ${history}`);
  } finally {
    await accounts.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), "skirmish-bench-boards-"));
try {
  await bench("embedded (node:sqlite, WAL)", () => Accounts.open({ dataDir: dir, secret: SECRET }));
  if (a["database-url"]) await bench("PostgreSQL", () => Accounts.open({ dataDir: dir, databaseUrl: a["database-url"], secret: SECRET }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
