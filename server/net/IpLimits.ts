import { AddressBuckets } from "./AddressBuckets.ts";

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
  private readonly matchmake: AddressBuckets;

  constructor(
    private readonly settings: IpLimitSettings,
    now: () => number = () => performance.now(),
    maxTracked?: number,
  ) {
    const perMinute = settings.matchmakePerIpPerMinute;
    this.matchmake = new AddressBuckets(Math.max(1, Math.floor(perMinute / 2)), perMinute / 60, now, maxTracked);
  }

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
    return this.matchmake.take(ip);
  }

  /** Seconds until `ip` may make another matchmaking request. */
  retryAfterSeconds(ip: string): number {
    return this.matchmake.retryAfterSeconds(ip);
  }
}
