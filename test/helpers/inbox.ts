/**
 * Collects every message of one type an SDK room receives, and waits on what has arrived,
 * never on the wall clock. Create it right after joining: messages sent on join arrive after
 * the join promise resolves.
 */
import type { Room } from "@colyseus/sdk";

export class Inbox<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(room: Room, type: string) {
    room.onMessage(type, (payload: T) => {
      this.items.push(payload);
      for (const w of [...this.waiters]) w();
    });
  }

  /** Resolve with the items once `check(items)` holds (at once if it already does). */
  until(check: (items: readonly T[]) => boolean): Promise<T[]> {
    if (check(this.items)) return Promise.resolve(this.items);
    return new Promise((resolve) => {
      const waiter = () => {
        if (!check(this.items)) return;
        this.waiters.delete(waiter);
        resolve(this.items);
      };
      this.waiters.add(waiter);
    });
  }

  /** Resolve with the first item (from now on, or already here) that matches. */
  async find(match: (item: T) => boolean): Promise<T> {
    await this.until((items) => items.some(match));
    return this.items.find(match)!;
  }
}
