/**
 * The HTTP or HTTPS server Colyseus's transport listens on, with the gate (AccessGate.ts) in
 * front of every "connection", "request" and "upgrade" listener (Colyseus's matchmaking
 * route, express, the WebSocket server): a refused request is answered here and never
 * reaches them. node:https's Server is not a node:http Server subclass, so each is a thin
 * class whose `emit` goes through the one `gatedEmit` below: the checks are one code path.
 */
import { Server as HttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Server as HttpsServer } from "node:https";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { MATCHMAKE_PATH, type AccessGate, type Refusal } from "./AccessGate.ts";
import { JoinError } from "../../shared/protocol.ts";
import { CLIENT_ADDRESS_HEADER } from "./clientAddress.ts";
import { answerPreflight, corsHeaders } from "./cors.ts";
import type { TlsMaterial } from "./tlsFiles.ts";
import { passTlsOnly } from "./plainHttpOnTls.ts";

// Node checks request timeouts on this interval (30 s by default, too coarse for the timeout below).
const SERVER_OPTIONS = { connectionsCheckingInterval: 1000 };

type Emit = (event: string, ...args: unknown[]) => boolean;
/** The HTTP fallback transport's requests (net/fallback/): true when it took the request. */
export type FallbackHook = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Plain HTTP: the default, and behind a proxy that terminates TLS. */
export class GatedHttpServer extends HttpServer {
  fallback: FallbackHook | undefined;

  constructor(private readonly gate: AccessGate) {
    super(SERVER_OPTIONS);
    applyTimeouts(this, gate);
  }

  override emit(event: string, ...args: unknown[]): boolean {
    return gatedEmit(this.gate, event, args, (e, ...a) => super.emit(e, ...a), this.fallback);
  }
}

/**
 * HTTPS and WSS with TLS_CERT_FILE / TLS_KEY_FILE. The gate sees the raw TCP connection
 * ("connection", before any handshake) and then every request and upgrade, as over HTTP.
 * `setSecureContext` (node:tls) swaps the certificate for new handshakes (main.ts, SIGHUP).
 */
export class GatedHttpsServer extends HttpsServer {
  fallback: FallbackHook | undefined;

  constructor(
    private readonly gate: AccessGate,
    tls: TlsMaterial,
  ) {
    super({ ...SERVER_OPTIONS, ...tls });
    applyTimeouts(this, gate);
    // A failed handshake (junk, plain HTTP on the TLS port, an old protocol): Node closes the
    // socket; this only logs it, at most once per doubling burst per address.
    this.on("tlsClientError", (error: Error, socket: { remoteAddress?: string }) => gate.noteHandshakeFailure(socket.remoteAddress ?? "unknown", error));
  }

  override emit(event: string, ...args: unknown[]): boolean {
    // An admitted TCP connection reaches node:tls only if it starts like TLS (plainHttpOnTls.ts).
    const pass: Emit = (e, ...a) => (e === "connection" ? (passTlsOnly(a[0] as Socket, () => super.emit(e, ...a), this.gate.requestTimeoutMs), true) : super.emit(e, ...a));
    return gatedEmit(this.gate, event, args, pass, this.fallback);
  }
}

/** Requests here are small: a slow body or slow headers are held for seconds, not minutes. */
function applyTimeouts(server: HttpServer | HttpsServer, gate: AccessGate): void {
  server.requestTimeout = gate.requestTimeoutMs;
  server.headersTimeout = Math.min(gate.requestTimeoutMs, 10_000);
}

/** The gate's checks on one server event; `pass` hands the event on to the server's listeners. */
function gatedEmit(gate: AccessGate, event: string, args: unknown[], pass: Emit, fallback: FallbackHook | undefined): boolean {
  if (event === "request") {
    const [req, res] = args as [IncomingMessage, ServerResponse];
    const refusal = gate.checkRequest(req);
    if (refusal) return refuseRequest(req, res, refusal);
    req.headers[CLIENT_ADDRESS_HEADER] = gate.addressOf(req);
    if (req.method === "OPTIONS") {
      answerPreflight(req, res);
      return true;
    }
    for (const [name, value] of Object.entries(corsHeaders(req))) res.setHeader(name, value);
    if (fallback?.(req, res)) return true;
    if (MATCHMAKE_PATH.test(req.url ?? "") && req.method === "POST") {
      // Read the (small, length-checked) body here, so a client that aborts mid-body is one
      // log line rather than a stack from Colyseus's router; Colyseus reads req.body when set.
      void readSmallBody(req).then((body) => {
        if (body === undefined) gate.noteAborted(req);
        else {
          (req as IncomingMessage & { body?: string }).body = body;
          pass(event, ...args);
        }
      });
      return true;
    }
  } else if (event === "connection") {
    const [socket] = args as [Duplex & { remoteAddress?: string }];
    if (!gate.admitSocket(socket)) {
      socket.destroy();
      return true;
    }
  } else if (event === "upgrade") {
    const [req, socket] = args as [IncomingMessage, Duplex];
    const refusal = gate.admitUpgrade(req, socket);
    if (refusal) return refuseUpgrade(socket, refusal);
  }
  return pass(event, ...args);
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
