import { PATCH_INTERVAL_MS } from "../../shared/constants.ts";

/** The least delay: one patch interval, so even a perfect link brackets the render time. */
export const MIN_INTERPOLATION_DELAY_MS = PATCH_INTERVAL_MS;
/** The most: beyond it remote players lag too far behind to be worth the smoothness. */
export const MAX_INTERPOLATION_DELAY_MS = PATCH_INTERVAL_MS * 5;
/** Patches whose lateness is kept (ten seconds at PATCH_RATE). */
const WINDOW = 200;
/** Share of patches that may come too late for the delay (are drawn held at the newest). */
const COVER = 0.99;
/** Added above the measured need: frame timing and a little unseen jitter. */
const MARGIN_MS = 8;
/** A lower delay is taken only after this long, so it does not swing with every quiet spell. */
const LOWER_AFTER_MS = 2000;

/**
 * The interpolation delay for remote players, chosen from measured patch jitter instead of a
 * fixed two patch intervals. Each patch's lateness is how much later than the fastest patch of
 * the window it arrived, relative to when the server stamped it (so the link's base latency,
 * whatever it is, drops out). The delay is one patch interval plus the lateness COVER of the
 * patches stay within, plus a margin, within [MIN, MAX]. It rises at once (a late patch is an
 * extrapolated frame now) and falls only once the lower figure held for LOWER_AFTER_MS.
 */
export class InterpolationDelay {
  private readonly offsets: number[] = [];
  private next = 0;
  private delay = PATCH_INTERVAL_MS * 2;
  private lowerSince: number | undefined;
  private lastStamp = -1;

  /** A patch stamped `serverMs` by the server arrived at local time `localMs`. */
  observe(serverMs: number, localMs: number): void {
    if (serverMs <= this.lastStamp) return; // a repeat of the same patch's stamp
    this.lastStamp = serverMs;
    const offset = localMs - serverMs;
    if (this.offsets.length < WINDOW) this.offsets.push(offset);
    else this.offsets[this.next] = offset;
    this.next = (this.next + 1) % WINDOW;
    this.update(localMs);
  }

  /** The delay to draw remote players at now, in ms. */
  get ms(): number {
    return this.delay;
  }

  /** What the window asks for: one patch interval plus the covered lateness, within bounds. */
  target(): number {
    if (this.offsets.length < 2) return this.delay;
    const sorted = [...this.offsets].sort((a, b) => a - b);
    const fastest = sorted[0]!;
    const late = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * COVER) - 1)]! - fastest;
    return Math.round(Math.min(MAX_INTERPOLATION_DELAY_MS, Math.max(MIN_INTERPOLATION_DELAY_MS, PATCH_INTERVAL_MS + late + MARGIN_MS)));
  }

  private update(now: number): void {
    const want = this.target();
    if (want >= this.delay) {
      this.delay = want;
      this.lowerSince = undefined;
      return;
    }
    this.lowerSince ??= now;
    if (now - this.lowerSince >= LOWER_AFTER_MS) {
      this.delay = want;
      this.lowerSince = undefined;
    }
  }
}
