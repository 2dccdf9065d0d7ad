import { TokenBucket } from "../../net/TokenBucket.ts";

/** The host's chat pace (server/config.ts, CHAT_* variables). */
export interface ChatRateSettings {
  /** Sustained rate: `messages` per `windowSeconds`... */
  messages: number;
  windowSeconds: number;
  /** ...after a burst of up to this many at once. */
  burst: number;
  /** This many refusals within `floodWindowSeconds` mute the sender for `muteSeconds`. */
  floodRefusals: number;
  floodWindowSeconds: number;
  muteSeconds: number;
}

export type MuteCause = "flooding" | "owner";

export type Verdict =
  | { ok: true }
  | { ok: false; kind: "rate_limited"; retryMs: number }
  /** `fresh`: this very message earned the mute (tell the sender once, log once). */
  | { ok: false; kind: "muted"; remainingMs: number; cause: MuteCause; fresh: boolean };

/**
 * Who may speak now, per member: a token bucket each (bursts, then a steady pace), a count of
 * recent refusals that turns sustained flooding into a mute, and mutes given by the room owner.
 * Refusals here are pace, not malice: the room tells the sender and never counts them as
 * invalid messages, so an eager typist is slowed down, not disconnected.
 */
export class ChatLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly refusals = new Map<string, number[]>();
  private readonly mutes = new Map<string, { until: number; cause: MuteCause }>();

  constructor(
    private readonly settings: ChatRateSettings,
    /** Monotonic ms. */
    private readonly now: () => number,
  ) {}

  /** Whether `id` may send a message now; takes a token when it may. */
  check(id: string): Verdict {
    const t = this.now();
    const mute = this.mutedFor(id, t);
    if (mute) return { ok: false, kind: "muted", remainingMs: mute.until - t, cause: mute.cause, fresh: false };
    const bucket = this.bucketOf(id);
    if (bucket.take()) return { ok: true };
    if (this.countRefusal(id, t) >= this.settings.floodRefusals) {
      this.refusals.delete(id);
      const ms = this.settings.muteSeconds * 1000;
      this.mute(id, ms, "flooding");
      return { ok: false, kind: "muted", remainingMs: ms, cause: "flooding", fresh: true };
    }
    return { ok: false, kind: "rate_limited", retryMs: bucket.waitMs() };
  }

  /** Silence `id` for `ms` (0 lifts any mute). */
  mute(id: string, ms: number, cause: MuteCause): void {
    if (ms <= 0) this.mutes.delete(id);
    else this.mutes.set(id, { until: this.now() + ms, cause });
  }

  /** Drop everything kept for a member who left. */
  forget(id: string): void {
    this.buckets.delete(id);
    this.refusals.delete(id);
    this.mutes.delete(id);
  }

  private mutedFor(id: string, t: number): { until: number; cause: MuteCause } | undefined {
    const mute = this.mutes.get(id);
    if (mute && t >= mute.until) {
      this.mutes.delete(id);
      return undefined;
    }
    return mute;
  }

  private bucketOf(id: string): TokenBucket {
    let bucket = this.buckets.get(id);
    if (!bucket) {
      const { messages, windowSeconds, burst } = this.settings;
      bucket = new TokenBucket(burst, messages / windowSeconds, this.now);
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  /** Record a refusal and return how many fell within the flood window (at most floodRefusals are kept). */
  private countRefusal(id: string, t: number): number {
    const since = t - this.settings.floodWindowSeconds * 1000;
    const times = (this.refusals.get(id) ?? []).filter((at) => at > since);
    times.push(t);
    if (times.length > this.settings.floodRefusals) times.shift();
    this.refusals.set(id, times);
    return times.length;
  }
}
