/** The netcode benchmark's Markdown table: one row per round trip (docs/netcode.md, "Measured quality"). */
import type { RttResult } from "./runRtt.ts";

const fixed = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");
const percent = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : "n/a");

export function markdownTable(rows: RttResult[]): string {
  const head = "| RTT (ms) | own visible corrections / min | remote frames extrapolated | interpolation delay (ms) | hit agreement (agreed / on screen) | intent delay p50 / p99 (ms) | resume after 5 s drop (ms) | messages lost in drop (of sent) |";
  const rule = "|---:|---:|---:|---:|---:|---:|---:|---:|";
  const body = rows.map((r) =>
    [
      "",
      r.rttMs,
      fixed(r.correctionsPerMinute),
      percent(r.extrapolatedShare),
      fixed(r.interpolationMs, 0),
      `${percent(r.hitAgreement)} (${r.agreedHits} / ${r.screenHits})`,
      `${fixed(r.intentDelayP50Ms)} / ${fixed(r.intentDelayP99Ms)}`,
      fixed(r.resumeMs, 0),
      `${r.lostInDrop} (of ${r.sentDuringDrop})`,
      "",
    ].join(" | ").trim(),
  );
  return [head, rule, ...body].join("\n");
}
