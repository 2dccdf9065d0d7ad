/**
 * One reconnection token per seat, for the seat's lifetime.
 *
 * Colyseus gives a client a fresh token on every reconnect, in the JOIN message that completes
 * it. When the connection drops again before that message arrives, the client still holds the
 * old token, the server now holds the seat under the new one, and the client's next attempt is
 * refused "seat reservation expired" (524, then close 4003): the SDK gives up and the player
 * loses a seat that is still held (found by test/net/reconnectDrops.test.ts). Keeping the token
 * the seat joined with makes every attempt name the seat the server holds. The token is still
 * secret to its client, still dies with the seat, and still refuses anyone else.
 */
import type { Client } from "colyseus";

export class SeatTokens {
  private readonly tokens = new Map<string, string>();

  /** A seat was taken: remember the token its client got. */
  remember(client: Client): void {
    this.tokens.set(client.sessionId, client.reconnectionToken);
  }

  /** A reconnect (before its JOIN message goes out): the client keeps the token it has. */
  restore(client: Client): void {
    const token = this.tokens.get(client.sessionId);
    if (token !== undefined) client.reconnectionToken = token;
  }

  forget(sessionId: string): void {
    this.tokens.delete(sessionId);
  }
}
