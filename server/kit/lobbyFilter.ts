/**
 * Pacing for the lobby's `filter` message. Colyseus's LobbyRoom answers every `filter` with
 * the whole public room list: a 9-byte message bought about 8.9 kB for 40 rooms (about
 * 1,000×). Here a filter is answered only when it differs from the client's last one and
 * within a small per-client budget; anything else is refused (counted, and a persistent
 * offender is closed like any other sender of invalid messages). The list itself is capped
 * at LOBBY_MAX_LISTED rooms, on join and on every answer.
 */
import type { Client } from "colyseus";
import { TokenBucket } from "../net/TokenBucket.ts";

/** Filters a client may have answered: a burst, then one every 2 seconds. */
export const LOBBY_FILTER = { burst: 3, perSecond: 0.5 } as const;
/** Most rooms one listing message carries (MAX_ROOMS may be far more). */
export const LOBBY_MAX_LISTED = 200;

export class LobbyFilterPace {
  private readonly last = new Map<string, { filter: string; bucket: TokenBucket }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Why this filter is not answered, or undefined to answer it. */
  problem(client: Client, filter: unknown): string | undefined {
    const key = JSON.stringify(filter ?? null) ?? "null";
    let entry = this.last.get(client.sessionId);
    if (!entry) {
      entry = { filter: "", bucket: new TokenBucket(LOBBY_FILTER.burst, LOBBY_FILTER.perSecond, this.now) };
      this.last.set(client.sessionId, entry);
    }
    if (key === entry.filter) return "the filter has not changed";
    if (!entry.bucket.take()) return `at most ${LOBBY_FILTER.burst} filters at once, then one every ${1 / LOBBY_FILTER.perSecond} s`;
    entry.filter = key;
    return undefined;
  }

  forget(sessionId: string): void {
    this.last.delete(sessionId);
  }
}
