/**
 * One token bucket per client address, for a per-address rate (matchmaking, code lookups,
 * admin logins). At most `maxTracked` addresses are kept; past that the least recently seen
 * is evicted, so someone with many addresses (IPv6, a botnet) pushes out only their own
 * oldest entries and cannot reset everyone's bucket.
 */
import { LRUCache } from "lru-cache";
import { TokenBucket } from "./TokenBucket.ts";

/** Addresses kept per table by default. */
export const MAX_TRACKED_ADDRESSES = 10_000;

export class AddressBuckets {
  private readonly buckets: LRUCache<string, TokenBucket>;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
    maxTracked = MAX_TRACKED_ADDRESSES,
  ) {
    this.buckets = new LRUCache({ max: maxTracked });
  }

  /** Spend one for `address`; false when it is over its rate. */
  take(address: string): boolean {
    return this.bucketOf(address).take();
  }

  /** Seconds until `address` may act again (0 when it may now). */
  retryAfterSeconds(address: string): number {
    return Math.ceil((this.buckets.peek(address)?.waitMs() ?? 0) / 1000);
  }

  /** Addresses tracked now (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private bucketOf(address: string): TokenBucket {
    let b = this.buckets.get(address);
    if (!b) {
      b = new TokenBucket(this.burst, this.perSecond, this.now);
      this.buckets.set(address, b);
    }
    return b;
  }
}
