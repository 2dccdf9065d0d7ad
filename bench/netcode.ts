/**
 * `npm run netcode`: the netcode's measured quality (issue 18). For each round trip, scripted
 * players (predicting ArenaClients, the game's netcode in Node, plus SDK bots) play one arena
 * through the network conditioner with 20 ms jitter and 2 % loss each way (head-of-line stalls),
 * then lose their sockets for 5 s. Prints a Markdown table (bench/netcode/table.ts); `--json`
 * prints the rows as JSON instead.
 *
 *   npm run netcode [-- --seconds 60 --rtt 0,50,150,300]
 */
import { parseCommandLine, usageError } from "../scripts/cli.ts";

const tool = {
  usage: "npm run netcode -- [options]",
  summary: "Scripted players through the network conditioner at each round trip (20 ms jitter, 2 % loss as stalls): corrections, extrapolation, hit agreement, intent delay, resume after a 5 s drop. Prints a Markdown table.",
  options: {
    rtt: { type: "string", default: "0,50,150,300", help: "round trips to run, ms, comma-separated (0 to 1000 each)" },
    seconds: { type: "string", default: "60", help: "measured length of each round trip's run, 2 to 600" },
    players: { type: "string", default: "2", help: "predicting players (ArenaClients), 1 to 8" },
    bots: { type: "string", default: "2", help: "SDK bots in the same arena, 0 to 8" },
    seed: { type: "string", default: "18", help: "the conditioner's and the players' seed" },
    json: { type: "boolean", default: false, help: "print the rows as JSON instead of the table" },
  },
} as const;
const { values: a } = parseCommandLine(tool);
const rtts = a.rtt.split(",").map((s) => (s.trim() === "" ? Number.NaN : Number(s)));
if (rtts.length === 0 || rtts.some((r) => !Number.isInteger(r) || r < 0 || r > 1000)) usageError(tool, `--rtt must be whole numbers from 0 to 1000, comma-separated, got "${a.rtt}"`);
const seconds = Number(a.seconds);
if (!Number.isInteger(seconds) || seconds < 2 || seconds > 600) usageError(tool, `--seconds must be a whole number from 2 to 600, got "${a.seconds}"`);
const players = Number(a.players);
if (!Number.isInteger(players) || players < 1 || players > 8) usageError(tool, `--players must be a whole number from 1 to 8, got "${a.players}"`);
const bots = Number(a.bots);
if (!Number.isInteger(bots) || bots < 0 || bots > 8) usageError(tool, `--bots must be a whole number from 0 to 8, got "${a.bots}"`);
const seed = Number(a.seed);
if (!Number.isInteger(seed) || seed < 0) usageError(tool, `--seed must be a whole number, got "${a.seed}"`);

// The SDK narrates its reconnections with console.info: to stderr, so stdout is the table alone.
console.info = console.log = (...args: unknown[]) => console.error(...args);
// Loaded after the arguments are read: Colyseus prints a line as it loads, which --help must not.
const { runRtt } = await import("./netcode/runRtt.ts");
const { markdownTable } = await import("./netcode/table.ts");
const rows = [];
for (const rttMs of rtts) {
  process.stderr.write(`netcode: ${rttMs} ms round trip, ${seconds} s…\n`);
  rows.push(await runRtt({ rttMs, seconds, players, bots, seed }));
}
process.stdout.write(a.json ? `${JSON.stringify(rows, null, 2)}\n` : `${markdownTable(rows)}\n`);
process.exit(0);
