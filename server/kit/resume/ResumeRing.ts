/**
 * One client's numbered reliable messages: the next number, and the most recent ones kept for
 * a replay after a reconnect, bounded by count and by age (RESUME_RING_SIZE, RESUME_RING_SECONDS).
 */
export interface RingSettings {
  /** Messages kept per client. */
  size: number;
  /** Oldest message kept, in seconds. */
  seconds: number;
}

export interface RingEntry {
  n: number;
  type: string;
  payload: unknown;
  /** Monotonic ms it was sent at. */
  at: number;
}

/** What a resume from `last` gets: the missed messages in order, or a gap the ring no longer covers. */
export type Replay = { ok: true; entries: RingEntry[] } | { ok: false; oldest: number };

export class ResumeRing {
  private entries: RingEntry[] = [];
  /** The number the next message gets. */
  next = 1;

  constructor(
    private readonly settings: RingSettings,
    private readonly now: () => number,
  ) {}

  /** Number a message and keep it; returns its number. */
  push(type: string, payload: unknown): number {
    const n = this.next++;
    this.entries.push({ n, type, payload, at: this.now() });
    this.trim();
    return n;
  }

  /** The messages after `last`, in order; a gap when some of them are no longer kept. */
  after(last: number): Replay {
    this.trim();
    const first = this.entries[0]?.n ?? this.next;
    if (last + 1 < first) return { ok: false, oldest: first };
    return { ok: true, entries: this.entries.filter((e) => e.n > last) };
  }

  get size(): number {
    return this.entries.length;
  }

  private trim(): void {
    const over = this.entries.length - this.settings.size;
    const cutoff = this.now() - this.settings.seconds * 1000;
    let drop = Math.max(0, over);
    while (drop < this.entries.length && this.entries[drop]!.at < cutoff) drop++;
    if (drop > 0) this.entries.splice(0, drop);
  }
}
