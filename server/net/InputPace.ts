import { INPUT_BUFFER_CAP, INPUT_CATCHUP_SHARE } from "../../shared/constants.ts";
import { TokenBucket } from "./TokenBucket.ts";

/**
 * How often a client's backed-up input buffer may be drained at two intents per tick.
 * Catching up after a hitch is fair (the intents were meant for ticks that already passed);
 * a client that simply sends faster than the input rate must not move faster. So the extra
 * intents come from a bucket: a full buffer's worth at once (INPUT_BUFFER_CAP), refilled at
 * INPUT_CATCHUP_SHARE of the tick rate (clock drift); the rest wait, and the buffer's cap
 * drops the oldest.
 */
export class InputPace {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly tickRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether this client may have a second intent applied this tick. */
  extra(sessionId: string): boolean {
    let b = this.buckets.get(sessionId);
    if (!b) {
      b = new TokenBucket(INPUT_BUFFER_CAP, this.tickRate * INPUT_CATCHUP_SHARE, this.now);
      this.buckets.set(sessionId, b);
    }
    return b.take();
  }

  forget(sessionId: string): void {
    this.buckets.delete(sessionId);
  }
}
