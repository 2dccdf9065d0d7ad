/**
 * Server-measured round-trip times: the server sends Ping{id}, the client answers
 * Pong{id}, and the elapsed time is the RTT. The client never reports its own ping.
 */
export class PingTracker {
  private nextId = 1;
  private readonly pending = new Map<string, { id: number; sentAt: number }>();

  constructor(private readonly now: () => number) {}

  /** Start a probe for a session; returns the id to send. Replaces an unanswered probe. */
  probe(sessionId: string): number {
    const id = this.nextId++;
    this.pending.set(sessionId, { id, sentAt: this.now() });
    return id;
  }

  /** The RTT in ms if `id` answers this session's outstanding probe, else undefined. */
  answer(sessionId: string, id: number): number | undefined {
    const p = this.pending.get(sessionId);
    if (!p || p.id !== id) return undefined;
    this.pending.delete(sessionId);
    return Math.round(this.now() - p.sentAt);
  }

  forget(sessionId: string): void {
    this.pending.delete(sessionId);
  }
}
