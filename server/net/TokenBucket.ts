/**
 * A token bucket: holds up to `capacity` tokens, refills continuously at `refillPerSecond`,
 * and each action takes one. It allows a short burst, then a steady rate, and forgets old
 * history by itself (no per-message timestamps kept).
 *
 * The clock is injected (ms, monotonic) so tests can step time.
 * @example
 * const bucket = new TokenBucket(3, 0.5, () => performance.now()); // bursts of 3, then one every 2 s
 * if (!bucket.take()) refuse();
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    private readonly now: () => number,
  ) {
    if (!(capacity >= 1) || !(refillPerSecond > 0)) throw new RangeError("a token bucket needs capacity >= 1 and a positive refill rate");
    this.tokens = capacity;
    this.last = now();
  }

  /** Take one token if there is one. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token is available (0 when one is). */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.refillPerSecond) * 1000);
  }

  private refill(): void {
    const t = this.now();
    // A clock that steps backwards (it should not) must not drain the bucket.
    const elapsed = Math.max(0, t - this.last);
    this.last = t;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.refillPerSecond);
  }
}
