/**
 * The fallback transport's sessions: who may use which one. A session id is 128 random bits
 * and comes with a 256-bit secret; both are sent back once, in the `open` response body, and
 * presented in headers (never in a URL) on every later request. A session is bound to the
 * client address of its `open` request, so a leaked id and secret are useless from elsewhere.
 *
 * Each session holds one of the address's connection slots (IpLimits, the same count as a
 * WebSocket's), so MAX_CONNECTIONS_PER_IP caps sessions, and with them streams and polls, per
 * address (a session holds at most one stream or poll at a time).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IpLimits } from "../IpLimits.ts";
import { TokenBucket } from "../TokenBucket.ts";
import { FallbackSocket, type SocketTiming } from "./FallbackSocket.ts";
import { countSessions } from "./fallbackMetrics.ts";

export interface FallbackLimits extends SocketTiming {
  /** Polls (and streams) a session may open per second, with a burst of as many. */
  pollsPerSecond: number;
  /** `send` batches a session may post per second, with a burst of as many. */
  batchesPerSecond: number;
  /** Largest `send` body (many frames of at most MAX_PAYLOAD_BYTES each). */
  maxBodyBytes: number;
  /** Largest frame in a batch (MAX_PAYLOAD_BYTES, as for a WebSocket frame). */
  maxFrameBytes: number;
  /** How long a closed session still answers polls (so the client gets its close record). */
  lingerMs: number;
}

export class FallbackSession {
  /** The next `send` batch's number. */
  nextSeq = 0;
  readonly polls: TokenBucket;
  readonly batches: TokenBucket;

  constructor(
    readonly id: string,
    private readonly secret: Buffer,
    readonly address: string,
    readonly roomId: string,
    readonly socket: FallbackSocket,
    limits: FallbackLimits,
    now: () => number,
  ) {
    this.polls = new TokenBucket(limits.pollsPerSecond, limits.pollsPerSecond, now);
    this.batches = new TokenBucket(limits.batchesPerSecond, limits.batchesPerSecond, now);
  }

  secretMatches(presented: string): boolean {
    const given = Buffer.from(presented, "hex");
    return given.length === this.secret.length && timingSafeEqual(given, this.secret);
  }
}

/** Why a request's session was refused, as an HTTP status and a message. */
export interface SessionRefusal {
  status: number;
  error: string;
}

const ID_PATTERN = /^[0-9a-f]{32}$/;

export class FallbackSessions {
  private readonly sessions = new Map<string, FallbackSession>();

  constructor(
    readonly limits: FallbackLimits,
    private readonly ipLimits: IpLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    countSessions(this);
  }

  /** A new session for `address`, or undefined when the address holds all its connection slots. */
  open(address: string, roomId: string): { session: FallbackSession; secret: string } | undefined {
    if (!this.ipLimits.openConnection(address)) return undefined;
    const id = randomBytes(16).toString("hex");
    const secret = randomBytes(32);
    const session = new FallbackSession(id, secret, address, roomId, new FallbackSocket(this.limits), this.limits, this.now);
    this.sessions.set(id, session);
    session.socket.once("close", () => {
      this.ipLimits.releaseConnection(address);
      setTimeout(() => this.sessions.delete(id), this.limits.lingerMs).unref();
    });
    return { session, secret: secret.toString("hex") };
  }

  /** The session a request names, or why it is refused (unknown, another client's, a wrong secret). */
  find(id: string | undefined, secret: string | undefined, address: string, roomId: string): FallbackSession | SessionRefusal {
    if (!id || !secret || !ID_PATTERN.test(id)) return { status: 401, error: "this request needs a fallback session id and secret (headers x-fallback-session, x-fallback-secret)" };
    const session = this.sessions.get(id);
    if (!session || session.roomId !== roomId) return { status: 404, error: "no such fallback session (it ended, or never existed)" };
    if (session.address !== address || !session.secretMatches(secret)) return { status: 403, error: "this fallback session belongs to another client" };
    return session;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Close every session (the server is shutting down). */
  closeAll(code: number): void {
    for (const s of this.sessions.values()) s.socket.close(code, "server shutting down");
  }
}
