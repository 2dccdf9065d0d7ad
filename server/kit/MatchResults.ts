/**
 * A room's match results on their way to the database: `record` returns at once (a room's
 * rules never wait on the store, and the tick never does), the write runs beside the game,
 * is retried a few times if the database fails, and the room waits for what is still in
 * flight before it is disposed. The store makes each write idempotent by its match id, so a
 * retry after a write that did land changes nothing. The host's sink keeps each result in an
 * outbox file until it committed (ResultOutbox.ts), so one that fails every attempt is written
 * at the next start, not lost. `onSaved` runs after the commit: the players' acknowledgement.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { log } from "../log.ts";
import type { MatchRecord } from "../store/ratingStore.ts";

/** Where results go (the accounts' RatingStore). */
export interface ResultSink {
  recordMatch(m: MatchRecord): Promise<"recorded" | "duplicate">;
}

const ATTEMPTS = 3;
const RETRY_MS = 500;

export class MatchResults {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly roomId: () => string,
    private readonly sink: ResultSink | undefined,
    private readonly onSaved: (m: MatchRecord) => void = () => undefined,
  ) {}

  record(m: MatchRecord): void {
    if (!this.sink) return;
    const write: Promise<void> = this.write(this.sink, m).finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Resolves once every write started so far has landed or given up. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async write(sink: ResultSink, m: MatchRecord): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await sink.recordMatch(m);
        log.info("match result written", { room: this.roomId(), match: m.matchId, game: m.game, outcome });
        return this.onSaved(m);
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        if (attempt >= ATTEMPTS) return void log.error("match result not written; it stays in the outbox for the next start", { room: this.roomId(), match: m.matchId, error, attempts: attempt });
        log.warn("match result write failed; retrying", { room: this.roomId(), match: m.matchId, error, attempt });
        await sleep(RETRY_MS * attempt);
      }
    }
  }
}
