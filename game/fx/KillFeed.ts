/**
 * The kill feed's list: the last few kills, newest first, each shown for a while. Pure; the
 * DOM list that shows it is game/ui/KillFeedView.ts.
 */

/** Kills listed at once. */
export const FEED_LENGTH = 5;
/** How long a kill stays listed, ms. */
export const FEED_MS = 6_000;

export interface FeedEntry {
  /** Increasing per entry: a stable key for the view. */
  id: number;
  killer: string;
  victim: string;
  /** The killer or the victim is the local player: the view highlights it. */
  mine: boolean;
  at: number;
}

export class KillFeed {
  private entries: FeedEntry[] = [];
  private next = 0;

  add(killer: string, victim: string, mine: boolean, now: number): void {
    this.entries.unshift({ id: this.next++, killer, victim, mine, at: now });
    if (this.entries.length > FEED_LENGTH) this.entries.length = FEED_LENGTH;
  }

  /** The entries to show now, newest first. */
  current(now: number): readonly FeedEntry[] {
    if (this.entries.some((e) => now - e.at >= FEED_MS)) this.entries = this.entries.filter((e) => now - e.at < FEED_MS);
    return this.entries;
  }
}
