import { Protocol, type Client, type Room } from "colyseus";
import { CloseCode, RejectReason } from "../../shared/protocol.ts";
import { TokenBucket } from "./TokenBucket.ts";
import { log } from "../log.ts";
import type { ClientGuard } from "./ClientGuard.ts";
import { frameEntry, type FrameAdmission, type FrameRefusal } from "./frameEntry.ts";

/** Frame codes a client may send (Colyseus's Protocol); anything else is junk. */
const CLIENT_CODES: ReadonlySet<number> = new Set([
  Protocol.JOIN_ROOM,
  Protocol.LEAVE_ROOM,
  Protocol.ROOM_DATA,
  Protocol.ROOM_DATA_BYTES,
  Protocol.PING,
  Protocol.ROOM_INPUT_RELIABLE,
  Protocol.ROOM_INPUT_UNRELIABLE,
  Protocol.ROOM_REQUEST,
]);
/** Colyseus's PROTOCOL_CODE_MASK: the low five bits of a frame's first byte are its code. */
const CODE_MASK = 0b11111;

/**
 * The first thing every WebSocket frame from a client meets, before Colyseus decodes it:
 * - the client's frame rate (MAX_MESSAGES_PER_SECOND, a token bucket with a one-second
 *   burst): over it the client is closed with CloseCode.RateLimited and a reason, at once,
 *   so a flood costs one counter per frame and never holds up the tick;
 * - a frame that is no Colyseus frame, or that Colyseus's decoder throws on, is refused and
 *   counted by the room's ClientGuard (which closes a persistent offender).
 *
 * Colyseus's own `maxMessagesPerSecond` closes with a generic 4002 and no reason, and parts of
 * its frame decoding (the type and request-id reads) sit outside its own try/catch, where a
 * throw would escape the socket's message handler; Colyseus has no per-frame hook, so this
 * guard is the admission step of the room's one frame entry hook (frameEntry.ts, which says
 * the order: counted as received, admitted or refused here, then decoded).
 */
export class FrameGuard implements FrameAdmission {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly expelled = new Set<string>();

  constructor(
    private readonly roomId: () => string,
    private readonly perSecond: number,
    private readonly guard: ClientGuard,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Put this guard in front of the room's frame decoding; call once, in the room's constructor or onCreate. */
  install(room: Room): void {
    frameEntry(room).admitWith(this);
  }

  undecodable(client: Client, e: unknown): void {
    this.guard.reject(client, RejectReason.BadFrame, `undecodable frame (${e instanceof Error ? e.message.slice(0, 80) : "error"})`);
  }

  /**
   * Watch a joined client's socket for frames the WebSocket library refuses itself (over
   * MAX_PAYLOAD_BYTES: it closes with 1009, which the room may only see as a drop).
   * Call from onJoin and onReconnect (a reconnect brings a new socket).
   */
  watch(client: Client): void {
    client.ref.once("error", (e: unknown) => {
      const code = (e as { code?: unknown } | null)?.code;
      if (code !== "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") return;
      this.expelled.add(client.sessionId);
      log.warn("client sent an oversize frame", { room: this.roomId(), session: client.sessionId });
    });
  }

  /** Whether this session was closed for flooding or an oversize frame (its seat is not held for reconnection). */
  wasExpelled(sessionId: string): boolean {
    return this.expelled.has(sessionId);
  }

  forget(sessionId: string): void {
    this.buckets.delete(sessionId);
    this.expelled.delete(sessionId);
  }

  admit(client: Client, buffer: Uint8Array): FrameRefusal | undefined {
    if (this.expelled.has(client.sessionId)) return "expelled";
    if (!this.bucketOf(client.sessionId).take()) {
      this.expelled.add(client.sessionId);
      log.warn("client rate-limited", { room: this.roomId(), session: client.sessionId, limit: this.perSecond });
      client.leave(CloseCode.RateLimited, `more than ${this.perSecond} messages per second`);
      return "rate_limited";
    }
    if (!buffer || buffer.length === 0 || !CLIENT_CODES.has(buffer[0]! & CODE_MASK)) {
      this.guard.reject(client, RejectReason.BadFrame, "not a Colyseus frame");
      return "bad_frame";
    }
    return undefined;
  }

  private bucketOf(sessionId: string): TokenBucket {
    let b = this.buckets.get(sessionId);
    if (!b) {
      b = new TokenBucket(this.perSecond, this.perSecond, this.now);
      this.buckets.set(sessionId, b);
    }
    return b;
  }
}
