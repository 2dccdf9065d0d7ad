import { Server as HttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { JoinError } from "../../shared/protocol.ts";
import { lifecycle } from "../lifecycle.ts";
import { log } from "../log.ts";
import { LRUCache } from "lru-cache";
import { MAX_TRACKED_ADDRESSES } from "./AddressBuckets.ts";
import { CLIENT_ADDRESS_HEADER } from "./clientAddress.ts";
import { answerPreflight, corsHeaders } from "./cors.ts";
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
const MATCHMAKE_PATH = /^\/matchmake\//;
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

/**
 * The HTTP server Colyseus's transport listens on, with the gate in front of every
 * "request" and "upgrade" listener (Colyseus's matchmaking route, express, the WebSocket
 * server): a refused request is answered here and never reaches them.
 */
export class GatedHttpServer extends HttpServer {
  constructor(private readonly gate: AccessGate) {
    // Node checks request timeouts on this interval (30 s by default, too coarse for the timeout below).
    super({ connectionsCheckingInterval: 1000 });
    // Requests here are small: a slow body or slow headers are held for seconds, not minutes.
    this.requestTimeout = gate.requestTimeoutMs;
    this.headersTimeout = Math.min(gate.requestTimeoutMs, 10_000);
  }

  override emit(event: string, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      const refusal = this.gate.checkRequest(req);
      if (refusal) return refuseRequest(req, res, refusal);
      req.headers[CLIENT_ADDRESS_HEADER] = this.gate.addressOf(req);
      if (req.method === "OPTIONS") {
        answerPreflight(req, res);
        return true;
      }
      for (const [name, value] of Object.entries(corsHeaders(req))) res.setHeader(name, value);
      if (MATCHMAKE_PATH.test(req.url ?? "") && req.method === "POST") {
        // Read the (small, length-checked) body here, so a client that aborts mid-body is one
        // log line rather than a stack from Colyseus's router; Colyseus reads req.body when set.
        void readSmallBody(req).then((body) => {
          if (body === undefined) this.gate.noteAborted(req);
          else {
            (req as IncomingMessage & { body?: string }).body = body;
            super.emit(event, ...args);
          }
        });
        return true;
      }
    } else if (event === "connection") {
      const [socket] = args as [Duplex & { remoteAddress?: string }];
      if (!this.gate.admitSocket(socket)) {
        socket.destroy();
        return true;
      }
    } else if (event === "upgrade") {
      const [req, socket] = args as [IncomingMessage, Duplex];
      const refusal = this.gate.admitUpgrade(req, socket);
      if (refusal) return refuseUpgrade(socket, refusal);
    }
    return super.emit(event, ...args);
  }
}

/** The whole body as text, or undefined when the client aborts or errs before the end. */
function readSmallBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(undefined));
    req.on("aborted", () => resolve(undefined));
  });
}

function refuseRequest(req: IncomingMessage, res: ServerResponse, refusal: Refusal): boolean {
  const body = JSON.stringify({ code: refusal.code, error: refusal.error });
  // An allowed page may read why it was refused (rate limit, draining); a foreign one may not.
  const cors = refusal.code === JoinError.OriginNotAllowed ? {} : corsHeaders(req);
  const headers: Record<string, string> = { ...cors, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
  res.writeHead(refusal.code, headers);
  res.end(body);
  return true;
}

function refuseUpgrade(socket: Duplex, refusal: Refusal): boolean {
  const body = JSON.stringify({ code: refusal.code, error: refusal.error });
  socket.end(`HTTP/1.1 ${refusal.code} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  return true;
}
