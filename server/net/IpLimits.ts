import { TokenBucket } from "./TokenBucket.ts";

/** Addresses tracked before idle ones are forgotten, so the tables cannot grow without bound. */
const MAX_TRACKED = 10_000;
/** A matchmaking bucket untouched this long is full again and can be forgotten. */
const IDLE_MS = 60_000;

export interface IpLimitSettings {
  maxConnectionsPerIp: number;
  matchmakePerIpPerMinute: number;
}

/**
 * Per-address budgets: open WebSocket connections (a count, released when the socket
 * closes) and matchmaking requests (a token bucket: half the minute's budget as a burst,
 * then the steady rate). One instance per server, so test servers never share budgets.
 */
export class IpLimits {
  private readonly open = new Map<string, number>();
  private readonly buckets = new Map<string, { bucket: TokenBucket; seen: number }>();

  constructor(
    private readonly settings: IpLimitSettings,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Take a connection slot for `ip`; false when it already has the most allowed. Pair with release(). */
  openConnection(ip: string): boolean {
    const n = this.open.get(ip) ?? 0;
    if (n >= this.settings.maxConnectionsPerIp) return false;
    this.open.set(ip, n + 1);
    return true;
  }

  releaseConnection(ip: string): void {
    const n = (this.open.get(ip) ?? 0) - 1;
    if (n <= 0) this.open.delete(ip);
    else this.open.set(ip, n);
  }

  connectionsOf(ip: string): number {
    return this.open.get(ip) ?? 0;
  }

  /** Spend one matchmaking request for `ip`; false when over its rate. */
  takeMatchmake(ip: string): boolean {
    const t = this.now();
    let entry = this.buckets.get(ip);
    if (!entry) {
      if (this.buckets.size >= MAX_TRACKED) this.forgetIdle(t);
      const perMinute = this.settings.matchmakePerIpPerMinute;
      entry = { bucket: new TokenBucket(Math.max(1, Math.floor(perMinute / 2)), perMinute / 60, this.now), seen: t };
      this.buckets.set(ip, entry);
    }
    entry.seen = t;
    return entry.bucket.take();
  }

  /** Seconds until `ip` may make another matchmaking request. */
  retryAfterSeconds(ip: string): number {
    return Math.ceil((this.buckets.get(ip)?.bucket.waitMs() ?? 0) / 1000);
  }

  private forgetIdle(t: number): void {
    for (const [ip, e] of this.buckets) if (t - e.seen > IDLE_MS) this.buckets.delete(ip);
    // Still full (a flood from many addresses): start over rather than grow.
    if (this.buckets.size >= MAX_TRACKED) this.buckets.clear();
  }
}
