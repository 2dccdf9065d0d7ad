/**
 * `npm run bench:heap`: where a server's memory goes, from the V8 heap snapshots that
 * `npm run bench -- --heap` writes (one per run, taken at the end of its window with every
 * client still in its room). Self sizes are summed by what V8 calls each object (its
 * constructor, or a kind such as "(string)" or "(closure)"), and printed side by side, in MB
 * and in KB per connected client when the run's results file is given.
 *
 *   npm run bench -- --room arena,plain --clients 128 --heap
 *   npm run bench:heap -- bench/results/heap/<stamp>/*.heapsnapshot --results bench/results/bench-<stamp>.json
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseCommandLine, usageError } from "../scripts/cli.ts";
import type { GeneratorResult } from "./report.ts";
import { summarise, type HeapSnapshot } from "./heapSnapshot.ts";

const tool = {
  usage: "npm run bench:heap -- <snapshot.heapsnapshot>... [options]",
  summary: "Self size by constructor in V8 heap snapshots of the bench's server, side by side (MB, and KB per client with --results).",
  options: {
    results: { type: "string", default: "", help: "the run's bench-<stamp>.json, to name each snapshot's room and divide by its clients" },
    top: { type: "string", default: "25", help: "rows to print, largest first" },
  },
  positionals: true,
} as const;
const { values: a, positionals: files } = parseCommandLine(tool);
if (files.length === 0) usageError(tool, "name at least one .heapsnapshot file");
const top = Number(a.top);
if (!Number.isInteger(top) || top < 1) usageError(tool, `--top must be a whole number from 1, got "${a.top}"`);

const runs: GeneratorResult[] = a.results ? (JSON.parse(readFileSync(a.results, "utf8")) as { results: GeneratorResult[] }).results : [];
const columns = files.map((file) => {
  process.stderr.write(`reading ${file} … `);
  const s = summarise(JSON.parse(readFileSync(file, "utf8")) as HeapSnapshot);
  process.stderr.write("done\n");
  // V8 names the file Heap.<date>.<time>.<pid>.<thread>.<seq>.heapsnapshot.
  const pid = Number(basename(file).split(".")[3]);
  const run = runs.find((r) => r.serverPid === pid);
  return { label: run ? `${run.room}, ${run.connected} clients in rooms of ${run.roomSize ?? 16}` : basename(file), clients: run?.connected, ...s };
});

const mb = (b: number) => (b / 2 ** 20).toFixed(1);
const perClient = (b: number, clients: number | undefined) => (clients ? (b / 1024 / clients).toFixed(1) : "—");
const names = [...columns[0]!.byName.entries()].sort((x, y) => y[1] - x[1]).slice(0, top).map(([n]) => n);
const head = ["what", ...columns.flatMap((c) => [`${c.label}: MB`, "KB/client"])];
const rows = [
  ["whole heap", ...columns.flatMap((c) => [mb(c.total), perClient(c.total, c.clients)])],
  ...names.map((n) => [n, ...columns.flatMap((c) => [mb(c.byName.get(n) ?? 0), perClient(c.byName.get(n) ?? 0, c.clients)])]),
];
console.log([head, head.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n"));
