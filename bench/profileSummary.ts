/**
 * `npm run bench:profile -- <file.cpuprofile> [--top 25] [--window 12.5:32.5]`: where a
 * server's CPU went, from a `node --cpu-prof` profile. Self time per function, and per owner
 * (which package or which part of this repo the code belongs to), as Markdown tables for
 * docs/performance.md. `--window` keeps only samples between two times (seconds since the
 * profile started; bench results record each run's measured window as profileWindowS), so
 * start-up, joining and shutdown do not count.
 */
import { readFileSync } from "node:fs";
import { parseCommandLine, usageError } from "../scripts/cli.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const tool = {
  usage: "npm run bench:profile -- <file.cpuprofile> [options]",
  summary: "Where a server's CPU went, from a node --cpu-prof profile: self time per function and per owner, as Markdown tables.",
  options: {
    top: { type: "string", default: "25", help: "how many functions to list" },
    window: { type: "string", help: "only samples between two times, in seconds since the profile started, e.g. 12.5:32.5" },
  },
  positionals: true,
} as const;
const { values, positionals } = parseCommandLine(tool);
const file = positionals[0];
if (!file || positionals.length > 1) usageError(tool, "bench:profile: give exactly one .cpuprofile file");
const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;

const [fromS, toS] = values.window ? values.window.split(":").map(Number) : [0, Number.POSITIVE_INFINITY];

// Self time per node: each sample is charged the time until the next sample.
const selfUs = new Map<number, number>();
let at = 0; // µs since the profile started
let totalUs = 0;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  const us = profile.timeDeltas[i + 1] ?? 0;
  if (at < fromS! * 1e6 || at > toS! * 1e6) return;
  selfUs.set(id, (selfUs.get(id) ?? 0) + us);
  totalUs += us;
});
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));

/** Who owns a function: a package, a folder of this repo, Node itself, or V8. */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const repo = /\/(shared|server|bench)\/(?:([^/]+)\/)?/.exec(url);
  if (repo) return repo[2] && !repo[2].includes(".") ? `${repo[1]}/${repo[2]}` : repo[1]!;
  return url.replace(/^file:\/\//, "");
}

const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
  const who = owner(url, functionName);
  const short = url ? `${url.split("/").pop()}:${lineNumber + 1}` : "";
  const key = `${functionName || "(anonymous)"} | ${who} ${short}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  byOwner.set(who, (byOwner.get(who) ?? 0) + us);
}

const idleUs = byOwner.get("(idle)") ?? 0;
const busyUs = totalUs - idleUs;
const pct = (us: number, of: number) => ((100 * us) / of).toFixed(1);
const top = Number(values.top);
const sorted = (m: Map<string, number>) => [...m].filter(([k]) => !k.startsWith("(idle)")).sort((x, y) => y[1] - x[1]);

console.log(`profile: ${file}${values.window ? `, samples from ${fromS} s to ${toS} s` : ""}`);
console.log(`${(totalUs / 1e6).toFixed(1)} s sampled, ${pct(busyUs, totalUs)}% busy (the rest idle)\n`);
console.log("| owner | % of busy time |\n| --- | --- |");
for (const [who, us] of sorted(byOwner).slice(0, top)) console.log(`| ${who} | ${pct(us, busyUs)} |`);
console.log("\n| function (self time) | owner and place | % of busy time |\n| --- | --- | --- |");
for (const [key, us] of sorted(byFunction).slice(0, top)) {
  const [fn, where] = key.split(" | ");
  console.log(`| ${fn} | ${where} | ${pct(us, busyUs)} |`);
}
