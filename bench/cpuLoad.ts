/**
 * How busy each core of the machine is, from /proc/stat (Linux). A benchmark on a shared
 * machine must know when something else is using its cores: run.ts waits for quiet before
 * each run, and a run whose server core was busy with other work is marked invalid.
 */
import { readFileSync } from "node:fs";

export type CoreTimes = Array<{ total: number; idle: number; irq: number; steal: number }>;

/** One core over an interval, in percent of the interval. */
export interface CoreBusy {
  /** Everything but idle. */
  busy: number;
  /** Interrupt and softirq time: mostly the kernel's network stack, much of it for our own sockets. */
  irq: number;
  /** Time the hypervisor gave this virtual core to someone else. */
  steal: number;
}

/** Per-core jiffies now; empty where /proc/stat does not exist. */
export function coreTimes(): CoreTimes {
  let text: string;
  try {
    text = readFileSync("/proc/stat", "utf8");
  } catch {
    return [];
  }
  const out: CoreTimes = [];
  for (const line of text.split("\n")) {
    const m = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const v = m[2]!.trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal …
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    out[Number(m[1])] = { total: v.reduce((s, x) => s + x, 0), idle, irq: (v[5] ?? 0) + (v[6] ?? 0), steal: v[7] ?? 0 };
  }
  return out;
}

/** Per core, how busy it was between two readings. */
export function busyPercent(from: CoreTimes, to: CoreTimes): CoreBusy[] {
  return to.map((t, i) => {
    const f = from[i];
    const span = f ? t.total - f.total : 0;
    if (!f || span === 0) return { busy: 0, irq: 0, steal: 0 };
    return {
      busy: 100 * (1 - (t.idle - f.idle) / span),
      irq: (100 * (t.irq - f.irq)) / span,
      steal: (100 * (t.steal - f.steal)) / span,
    };
  });
}

/**
 * Wait until every core has been under `maxBusy` percent for a `sampleMs` sample, or give
 * up after `timeoutMs`. Resolves with the last sample either way.
 */
export async function waitForQuiet(maxBusy: number, sampleMs: number, timeoutMs: number): Promise<{ quiet: boolean; busy: CoreBusy[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = coreTimes();
    await new Promise((r) => setTimeout(r, sampleMs));
    const busy = busyPercent(a, coreTimes());
    if (busy.every((b) => b.busy < maxBusy)) return { quiet: true, busy };
    if (Date.now() > deadline) return { quiet: false, busy };
  }
}
