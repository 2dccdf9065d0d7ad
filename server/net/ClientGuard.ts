import type { Client } from "colyseus";
import { CloseCode, Msg, type RejectReason } from "../../shared/protocol.ts";
import { log } from "../log.ts";
import { hostMetrics } from "../metrics/hostMetrics.ts";

export interface GuardStats {
  /** Messages refused for any reason since the room started. */
  rejected: number;
  /** Clients disconnected for sending too many bad messages. */
  kicked: number;
}

/**
 * Counts each client's bad messages. Each one is dropped, logged with the room and
 * session ids, and answered with a Rejected message; past the limit, the client is
 * closed with CloseCode.TooManyInvalidMessages.
 *
 * Colyseus's own `validate()` closes the socket on the first failure (code 4002);
 * we want one stray bad frame to cost nothing but a warning, hence this guard.
 */
export class ClientGuard {
  readonly stats: GuardStats = { rejected: 0, kicked: 0 };
  private readonly strikes = new Map<string, number>();
  private readonly kicked = new Set<string>();

  constructor(
    private readonly roomId: () => string,
    private readonly limit: number,
  ) {}

  reject(client: Client, reason: RejectReason, detail: string): void {
    // Already on its way out: further frames in flight cost nothing more.
    if (this.kicked.has(client.sessionId)) return;
    this.stats.rejected++;
    hostMetrics.rejected(reason);
    const count = (this.strikes.get(client.sessionId) ?? 0) + 1;
    this.strikes.set(client.sessionId, count);
    log.warn("message rejected", { room: this.roomId(), session: client.sessionId, reason, detail, count });
    if (count > this.limit) {
      this.stats.kicked++;
      this.strikes.delete(client.sessionId);
      this.kicked.add(client.sessionId);
      log.warn("client kicked", { room: this.roomId(), session: client.sessionId, reason: "too many invalid messages" });
      client.leave(CloseCode.TooManyInvalidMessages, `too many invalid messages (last: ${reason})`);
      return;
    }
    client.send(Msg.Rejected, { reason, detail });
  }

  /** Whether this session was closed for bad messages (its seat is not held for reconnection). */
  wasKicked(sessionId: string): boolean {
    return this.kicked.has(sessionId);
  }

  forget(sessionId: string): void {
    this.strikes.delete(sessionId);
    this.kicked.delete(sessionId);
  }
}
