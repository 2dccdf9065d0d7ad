import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { JoinError } from "../../shared/protocol.ts";
import { lifecycle } from "../lifecycle.ts";
import { log } from "../log.ts";
import { LRUCache } from "lru-cache";
import { MAX_TRACKED_ADDRESSES } from "./AddressBuckets.ts";
import { IpLimits, type IpLimitSettings } from "./IpLimits.ts";
import { originAllowed, originHint, type OriginPolicy } from "./origins.ts";

export interface AccessSettings extends IpLimitSettings {
  /** Which page origins may use the server (origins.ts). */
  origins: OriginPolicy;
  /** The scheme the browser used (clientAddress.ts), compared with the Origin's. */
  schemeOf: (req: IncomingMessage) => "http" | "https";
  /** The request's client address (clientAddress.ts): the one place that reads X-Forwarded-For. */
  addressOf: (req: IncomingMessage) => string;
  /** Largest matchmaking request body (MAX_PAYLOAD_BYTES): join options are small. */
  maxBodyBytes: number;
  /** Whether a socket's peer is a trusted proxy (its connections are many players). */
  isTrustedProxy: (address: string) => boolean;
  /** TCP connections one address may hold open (MAX_HTTP_CONNECTIONS_PER_IP). */
  maxHttpConnectionsPerIp: number;
  /** HTTP_REQUEST_TIMEOUT_SECONDS: the longest a request may take to arrive. */
  requestTimeoutSeconds: number;
}

/** A refused request: the HTTP status is the JoinError code, so the SDK's MatchMakeError carries it. */
export interface Refusal {
  code: JoinError;
  error: string;
}

/** Colyseus's matchmaking route: POST /matchmake/:method/:roomName (and its CORS preflight). */
export const MATCHMAKE_PATH = /^\/matchmake\//;
const RECONNECT_PATH = /^\/matchmake\/reconnect\//;

/**
 * Checks every HTTP request and WebSocket upgrade before Colyseus or express sees it: the
 * Origin (origins.ts) on every route, and for matchmaking the address's rate and body size;
 * for upgrades the address's open connections. While the server drains for a restart,
 * matchmaking refuses to place anyone.
 */
export class AccessGate {
  readonly limits: IpLimits;
  private readonly refusals = new LRUCache<string, number>({ max: MAX_TRACKED_ADDRESSES });
  /** Open TCP connections per socket address (every HTTP request and WebSocket rides one). */
  private readonly sockets = new Map<string, number>();

  constructor(private readonly settings: AccessSettings) {
    this.limits = new IpLimits(settings);
  }

  /** A refusal for an HTTP request, or undefined to let it through. */
  checkRequest(req: IncomingMessage): Refusal | undefined {
    const matchmaking = MATCHMAKE_PATH.test(req.url ?? "");
    if (!matchmaking && req.headers.origin === undefined) return undefined;
    const ip = this.addressOf(req);
    const refusal = this.originRefusal(req) ?? (matchmaking && req.method === "POST" ? (this.bodyRefusal(req) ?? this.matchmakeRefusal(ip, req.url ?? "")) : undefined);
    if (refusal) this.noteRefusal(ip, refusal, req.url);
    return refusal;
  }

  /** The longest a request may take to arrive in full (HTTP_REQUEST_TIMEOUT_SECONDS). */
  get requestTimeoutMs(): number {
    return this.settings.requestTimeoutSeconds * 1000;
  }

  /**
   * Whether a new TCP connection may open: at most MAX_HTTP_CONNECTIONS_PER_IP per socket
   * address. A trusted proxy's connections carry many players and are not capped here.
   */
  admitSocket(socket: Duplex & { remoteAddress?: string }): boolean {
    const peer = socket.remoteAddress ?? "unknown";
    if (this.settings.isTrustedProxy(peer)) return true;
    const n = this.sockets.get(peer) ?? 0;
    if (n >= this.settings.maxHttpConnectionsPerIp) {
      this.noteRefusal(peer, { code: JoinError.RateLimited, error: `too many connections from your address (limit ${this.settings.maxHttpConnectionsPerIp})` }, "connection");
      return false;
    }
    this.sockets.set(peer, n + 1);
    socket.once("close", () => {
      const left = (this.sockets.get(peer) ?? 1) - 1;
      if (left <= 0) this.sockets.delete(peer);
      else this.sockets.set(peer, left);
    });
    return true;
  }

  /** A matchmaking body the client gave up on: logged once per address burst, never a stack. */
  noteAborted(req: IncomingMessage): void {
    this.noteRefusal(this.addressOf(req), { code: JoinError.InvalidOptions, error: "matchmaking body aborted" }, req.url);
  }

  /**
   * A refusal for a WebSocket upgrade, or undefined once a connection slot is taken for
   * its address (given back when the socket closes).
   */
  admitUpgrade(req: IncomingMessage, socket: Duplex): Refusal | undefined {
    const ip = this.addressOf(req);
    let refusal = this.originRefusal(req);
    if (!refusal && !this.limits.openConnection(ip)) {
      refusal = { code: JoinError.RateLimited, error: `too many open connections from your address (limit ${this.settings.maxConnectionsPerIp})` };
    }
    if (refusal) {
      this.noteRefusal(ip, refusal, "upgrade");
      return refusal;
    }
    socket.once("close", () => this.limits.releaseConnection(ip));
    return undefined;
  }

  /** A TLS handshake that failed (junk bytes, plain HTTP on the HTTPS port): Node has closed the socket. */
  noteHandshakeFailure(peer: string, error: Error): void {
    const code = (error as { code?: unknown }).code;
    this.noteRefusal(peer, { code: JoinError.InvalidOptions, error: `TLS handshake failed (${typeof code === "string" ? code : error.message})` }, "tls");
  }

  addressOf(req: IncomingMessage): string {
    return this.settings.addressOf(req);
  }

  private originRefusal(req: IncomingMessage): Refusal | undefined {
    const origin = req.headers.origin;
    if (originAllowed(origin, { host: req.headers.host, scheme: this.settings.schemeOf(req) }, this.settings.origins)) return undefined;
    return { code: JoinError.OriginNotAllowed, error: originHint(origin, this.settings.origins) };
  }

  /** Options are a few hundred bytes; a body without a length, or over the limit, is not read at all. */
  private bodyRefusal(req: IncomingMessage): Refusal | undefined {
    const length = Number(req.headers["content-length"] ?? NaN);
    if (Number.isInteger(length) && length >= 0 && length <= this.settings.maxBodyBytes) return undefined;
    return { code: JoinError.PayloadTooLarge, error: `matchmaking options must be sent with a Content-Length of at most ${this.settings.maxBodyBytes} bytes` };
  }

  private matchmakeRefusal(ip: string, url: string): Refusal | undefined {
    // Draining places no one new, but a player who dropped during the grace period may return.
    if (lifecycle.draining && !RECONNECT_PATH.test(url)) return { code: JoinError.ServerDraining, error: "the server is restarting; try again in a moment" };
    if (this.limits.takeMatchmake(ip)) return undefined;
    return { code: JoinError.RateLimited, error: `too many matchmaking requests from your address; try again in ${this.limits.retryAfterSeconds(ip)} s` };
  }

  /** Logged on the 1st, 2nd, 4th, 8th... refusal per address, so a flood cannot flood the log. */
  private noteRefusal(ip: string, refusal: Refusal, what: string | undefined): void {
    const n = (this.refusals.get(ip) ?? 0) + 1;
    this.refusals.set(ip, n);
    if ((n & (n - 1)) === 0) log.warn("request refused", { ip, code: refusal.code, what, count: n, reason: refusal.error });
  }
}
