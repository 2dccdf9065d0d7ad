/**
 * Server-measured round-trip times: the server sends Ping{id}, the client answers
 * Pong{id}, and the elapsed time is the RTT. The client never reports its own ping.
 */
/** Largest RTT kept: the synced `ping` field is a uint16. */
const MAX_RTT_MS = 65535;

export class PingTracker {
  private nextId = 1;
  private readonly pending = new Map<string, { id: number; sentAt: number }>();
  /** Each session's last measured RTT in ms, capped to what the state's uint16 can carry. */
  private readonly last = new Map<string, number>();

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
    const rtt = Math.round(this.now() - p.sentAt);
    this.last.set(sessionId, Math.min(rtt, MAX_RTT_MS));
    return rtt;
  }

  /** The last RTT measured for a session, 0 before the first answer. */
  rttOf(sessionId: string): number {
    return this.last.get(sessionId) ?? 0;
  }

  forget(sessionId: string): void {
    this.pending.delete(sessionId);
    this.last.delete(sessionId);
  }
}
