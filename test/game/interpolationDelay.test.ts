/**
 * The adaptive interpolation delay, on seeded patch streams: patches stamped every patch
 * interval, arriving after a base latency plus jitter, in order (as on TCP).
 */
import { describe, expect, it } from "vitest";
import { InterpolationDelay, MAX_INTERPOLATION_DELAY_MS, MIN_INTERPOLATION_DELAY_MS } from "../../game/net/InterpolationDelay.ts";
import { createRng } from "../../shared/rng.ts";
import { PATCH_INTERVAL_MS } from "../../shared/constants.ts";

/** Arrival times of `n` patches: base latency plus uniform jitter in [0, jitterMs), never reordered. */
function stream(seed: number, n: number, baseMs: number, jitterMs: number, from = 0): Array<{ stamp: number; at: number }> {
  const rng = createRng(seed);
  const out: Array<{ stamp: number; at: number }> = [];
  let last = 0;
  for (let i = 0; i < n; i++) {
    const stamp = from + i * PATCH_INTERVAL_MS;
    last = Math.max(last, stamp + baseMs + rng.next() * jitterMs);
    out.push({ stamp, at: last });
  }
  return out;
}

/**
 * Share of patches that arrive after the render time reached them: drawn at
 * (local time − fastest transit − delay), patch i is needed once it is the newest to bracket.
 */
function lateShare(patches: Array<{ stamp: number; at: number }>, delayMs: number): number {
  const fastest = Math.min(...patches.map((p) => p.at - p.stamp));
  let late = 0;
  // Patch i+1 must have arrived by the time the render target passes patch i's stamp.
  for (let i = 0; i + 1 < patches.length; i++) if (patches[i + 1]!.at > patches[i]!.stamp + fastest + delayMs) late++;
  return late / (patches.length - 1);
}

const SEEDS = [1, 7, 20261204];

describe("InterpolationDelay", () => {
  it("sits at its floor on a steady link, whatever the base latency", () => {
    for (const base of [0, 75, 300]) {
      const d = new InterpolationDelay();
      for (const p of stream(1, 400, base, 0)) d.observe(p.stamp, p.at);
      expect(d.ms).toBe(MIN_INTERPOLATION_DELAY_MS + 8);
    }
  });

  it.each(SEEDS)("covers 99 percent of patches under 20 ms jitter, below one interval plus the jitter span (seed %i)", (seed) => {
    const patches = stream(seed, 600, 75, 40); // ±20 ms around its mean
    const d = new InterpolationDelay();
    for (const p of patches) d.observe(p.stamp, p.at);
    expect(d.ms).toBeGreaterThan(MIN_INTERPOLATION_DELAY_MS + 8);
    expect(d.ms).toBeLessThanOrEqual(PATCH_INTERVAL_MS + 40 + 8);
    expect(lateShare(patches.slice(-200), d.ms)).toBeLessThanOrEqual(0.01);
    // The fixed delay's worth: a delay of one interval alone would be late often.
    expect(lateShare(patches.slice(-200), PATCH_INTERVAL_MS)).toBeGreaterThan(0.05);
  });

  it("is capped when jitter is wild", () => {
    const d = new InterpolationDelay();
    for (const p of stream(7, 400, 50, 2000)) d.observe(p.stamp, p.at);
    expect(d.ms).toBe(MAX_INTERPOLATION_DELAY_MS);
  });

  it("rises at once on jitter and falls back only after the link stayed calm", () => {
    const d = new InterpolationDelay();
    const calm = stream(3, 100, 60, 0);
    for (const p of calm) d.observe(p.stamp, p.at);
    const floor = d.ms;
    const rough = stream(3, 40, 60, 120, calm.length * PATCH_INTERVAL_MS);
    for (const p of rough) d.observe(p.stamp, p.at);
    const raised = d.ms;
    expect(raised).toBeGreaterThan(floor + 40);
    // Calm again: the rough patches leave the window after WINDOW patches, then 2 s pass before it lowers.
    const start = (calm.length + rough.length) * PATCH_INTERVAL_MS;
    const after = stream(3, 400, 60, 0, start);
    const seen: number[] = [];
    for (const p of after) {
      d.observe(p.stamp, p.at);
      seen.push(d.ms);
    }
    expect(seen[0]).toBe(raised);
    expect(seen.at(-1)).toBe(floor);
    // Not lowered within the first two seconds (40 patches) of calm.
    expect(Math.min(...seen.slice(0, 39))).toBe(raised);
  });
});
