/**
 * Backpressure for clients that read slowly: a phone on a bad link, or a socket whose reader
 * stopped. What the server sends such a client piles up in its socket's user-space buffer
 * once the kernel's buffers are full, and nothing else ever bounds it. Each room checks its
 * clients' backlogs once per patch:
 *
 *   - over the soft limit (half the hard one), the client is "backed up": the room skips what
 *     it can skip for it (the ping probes; the state patches cannot be skipped, because they
 *     are deltas: a client that missed one would hold a wrong state);
 *   - over the hard limit (SEND_BUFFER_LIMIT_BYTES), it is closed with 4010, Colyseus's
 *     "may try to reconnect" code, with the reason "send buffer full": its seat is held like
 *     any drop, and the SDK reconnects by itself and gets the whole state afresh. Its socket
 *     is destroyed after a short grace, since the close frame waits behind the backlog.
 *
 * So one client can hold at most the hard limit plus one patch interval of sends in server
 * memory. A transport's client exposes its backlog as `ref.bufferedAmount` (the ws
 * WebSocket's, for the WebSocket transport).
 */
import type { Client } from "colyseus";
import { hostMetrics } from "../metrics/hostMetrics.ts";

/** Colyseus's CloseCode.MAY_TRY_RECONNECT: the SDK reconnects by itself on it, and the kit holds the seat. */
export const SLOW_CLIENT_CLOSE_CODE = 4010;
export const SLOW_CLIENT_REASON = "send buffer full";
/** How long a closed slow client's socket may take to deliver its close frame before it is destroyed. */
export const SLOW_CLOSE_GRACE_MS = 2000;

interface Backlogged {
  ref?: { bufferedAmount?: number; terminate?: () => void };
}

/** Bytes the transport holds for this client, not yet handed to the kernel. */
export function backlogOf(client: Client): number {
  return (client as unknown as Backlogged).ref?.bufferedAmount ?? 0;
}

export class SendBacklog {
  private readonly backedUp = new Set<string>();
  private readonly closing = new Set<string>();

  constructor(
    private readonly hardLimitBytes: number,
    private readonly roomType: string,
  ) {}

  /** Once per patch: mark the clients over the soft limit, close those over the hard one. */
  check(clients: Iterable<Client>): void {
    const soft = this.hardLimitBytes / 2;
    for (const client of clients) {
      const id = client.sessionId;
      const bytes = backlogOf(client);
      if (bytes <= soft) {
        this.backedUp.delete(id);
        continue;
      }
      this.backedUp.add(id);
      if (bytes > this.hardLimitBytes && !this.closing.has(id)) this.close(client, bytes);
    }
  }

  /** Whether this client's backlog is over the soft limit: skip what can be skipped for it. */
  isBackedUp(sessionId: string): boolean {
    return this.backedUp.has(sessionId);
  }

  /** The client left or came back on a new socket: start afresh. */
  forget(sessionId: string): void {
    this.backedUp.delete(sessionId);
    this.closing.delete(sessionId);
  }

  private close(client: Client, bytes: number): void {
    this.closing.add(client.sessionId);
    hostMetrics.slowClientClosed(this.roomType, bytes);
    client.leave(SLOW_CLIENT_CLOSE_CODE, SLOW_CLIENT_REASON);
    const ref = (client as unknown as Backlogged).ref;
    const timer = setTimeout(() => ref?.terminate?.(), SLOW_CLOSE_GRACE_MS);
    timer.unref();
  }
}
