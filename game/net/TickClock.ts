import { FIXED_DT_MS, PATCH_INTERVAL_MS } from "../../shared/constants.ts";

/** How far past the last patch the estimate may run before it waits for the next one. */
const MAX_AHEAD_MS = PATCH_INTERVAL_MS * 3;

/**
 * A continuous estimate of the server's simulation tick between patches: the last patch's
 * tick plus the time since it arrived. Dead-reckoned entities (drones) are drawn at it.
 */
export class TickClock {
  private tick = 0;
  private at = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Call when a patch with `tick` arrives. */
  observe(tick: number): void {
    if (tick === this.tick) return;
    this.tick = tick;
    this.at = this.now();
  }

  /** The server tick now, fractional. */
  estimate(): number {
    return this.tick + Math.min(this.now() - this.at, MAX_AHEAD_MS) / FIXED_DT_MS;
  }
}
