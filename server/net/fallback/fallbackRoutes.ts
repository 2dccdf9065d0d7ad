/**
 * The fallback transport's HTTP requests (the wire is described in shared/fallback.ts). They
 * reach here through the access gate (GatedServer.ts), so the Origin check, the per-address
 * TCP connection cap and CORS have already applied. Every refusal is a JSON `{ code, error }`
 * with the HTTP status as code, and changes nothing: a refused batch delivers no frame and
 * does not advance the session's batch number.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER } from "../clientAddress.ts";
import { decodeRecords, encodeRecord, FALLBACK_SEGMENT, FallbackAction, FallbackClose, FallbackHeader, FallbackOpen, HEARTBEAT_MS, parseCount, RecordError, RecordKind } from "../../../shared/fallback.ts";
import type { FallbackSession, FallbackSessions } from "./FallbackSessions.ts";
import type { Sink } from "./FallbackSocket.ts";
import { countRefusal } from "./fallbackMetrics.ts";

/** `<anything>/<processId>/<roomId>/~fallback/<action>`: the room's WebSocket path plus the action. */
const PATH = new RegExp(`^(?:/[^?]*)?/([A-Za-z0-9_-]+)/([A-Za-z0-9_-]+)/${FALLBACK_SEGMENT}/(${Object.values(FallbackAction).join("|")})(?:\\?.*)?$`);
/** `open` and `close` bodies are a few hundred bytes of JSON. */
const MAX_JSON_BYTES = 8192;
/** A long-poll that got a frame waits this much longer for more, so a burst is one answer. */
const POLL_COALESCE_MS = 15;
const HEARTBEAT = encodeRecord(RecordKind.Heartbeat, new Uint8Array(0));

/** Seat the new session's client in its room (FallbackTransport.ts, the one file that touches Colyseus). */
export type ConnectSession = (session: FallbackSession, open: FallbackOpen, req: IncomingMessage) => void;

/** Whether this is a fallback request (then it has been answered or is being answered). */
export function handleFallback(sessions: FallbackSessions, connect: ConnectSession, req: IncomingMessage, res: ServerResponse): boolean {
  const match = PATH.exec(req.url ?? "");
  if (!match) return false;
  const [, , roomId, action] = match as unknown as [string, string, string, FallbackAction];
  const address = String(req.headers[CLIENT_ADDRESS_HEADER] ?? req.socket.remoteAddress ?? "unknown");
  const method = action === FallbackAction.Stream || action === FallbackAction.Poll ? "GET" : "POST";
  if (req.method !== method) return refuse(res, 405, `${action} is a ${method} request`);
  if (action === FallbackAction.Open) {
    void readBody(req, res, MAX_JSON_BYTES).then((body) => body && open(sessions, connect, req, res, body, address, roomId));
    return true;
  }
  const found = sessions.find(header(req, FallbackHeader.Session), header(req, FallbackHeader.Secret), address, roomId);
  if (!("socket" in found)) return refuse(res, found.status, found.error);
  switch (action) {
    case FallbackAction.Stream:
    case FallbackAction.Poll: {
      const ack = acknowledged(found, req, res);
      if (ack === undefined) return true;
      if (!found.polls.take()) return refuse(res, 429, `polling too often (at most ${sessions.limits.pollsPerSecond} per second)`);
      if (found.socket.closed && found.socket.recordsAfter(ack) === 0) return refuse(res, 410, "this fallback session has closed");
      found.socket.attach(action === FallbackAction.Stream ? streamSink(found, req, res, ack) : pollSink(found, req, res, ack), ack);
      return true;
    }
    case FallbackAction.Send: {
      const ack = acknowledged(found, req, res, true);
      return ack === undefined ? true : send(sessions, found, req, res, ack);
    }
    case FallbackAction.Close:
      void readBody(req, res, MAX_JSON_BYTES).then((body) => {
        if (!body) return;
        const parsed = FallbackClose.safeParse(parseJson(body));
        if (!parsed.success) return refuse(res, 400, "close takes { code } with a close code 1000-4999");
        found.socket.closedByClient(parsed.data.code ?? 1005);
        res.writeHead(204).end();
      });
      return true;
  }
}

function open(sessions: FallbackSessions, connect: ConnectSession, req: IncomingMessage, res: ServerResponse, body: Buffer, address: string, roomId: string): void {
  const parsed = FallbackOpen.safeParse(parseJson(body));
  if (!parsed.success) return void refuse(res, 400, "open takes { sessionId, reconnectionToken?, skipHandshake?, authToken? }");
  const opened = sessions.open(address, roomId);
  if (!opened) return void refuse(res, 429, "too many open connections from your address");
  const json = JSON.stringify({ id: opened.session.id, secret: opened.secret });
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(json);
  connect(opened.session, parsed.data, req);
}

/**
 * The request's acknowledgement (header ACK), or undefined when it was refused (answered). A
 * request without one acknowledges everything sent so far (a client that never asks for records again).
 */
function acknowledged(session: FallbackSession, req: IncomingMessage, res: ServerResponse, mayLag = false): number | undefined {
  const text = header(req, FallbackHeader.Ack);
  if (text === undefined) return session.socket.sent;
  const ack = parseCount(text);
  if (ack === undefined) return void refuse(res, 400, `${FallbackHeader.Ack} is a count of records received`);
  const why = session.socket.refuseAck(ack, mayLag);
  if (why) return void refuse(res, 409, `${FallbackHeader.Ack} ${why}`);
  return ack;
}

function send(sessions: FallbackSessions, session: FallbackSession, req: IncomingMessage, res: ServerResponse, ack: number): boolean {
  const seqText = header(req, FallbackHeader.Seq);
  const seq = seqText !== undefined && /^\d{1,10}$/.test(seqText) ? Number(seqText) : NaN;
  if (!Number.isInteger(seq)) return refuse(res, 400, `a batch needs its number in ${FallbackHeader.Seq}`);
  if (seq !== session.nextSeq) return refuse(res, 409, seq < session.nextSeq ? `batch ${seq} was already received (expected ${session.nextSeq})` : `batch ${seq} is out of order (expected ${session.nextSeq})`);
  if (!session.batches.take()) return refuse(res, 429, `sending too often (at most ${sessions.limits.batchesPerSecond} batches per second)`);
  void readBody(req, res, sessions.limits.maxBodyBytes).then((body) => {
    if (!body) return;
    if (seq !== session.nextSeq) return refuse(res, 409, `batch ${seq} is out of order (expected ${session.nextSeq})`);
    let frames: Uint8Array[];
    try {
      const records = decodeRecords(body, sessions.limits.maxFrameBytes);
      if (records.some((r) => r.kind !== RecordKind.Frame)) throw new RecordError(false, "a client sends frame records only");
      frames = records.map((r) => r.payload);
    } catch (e) {
      const tooLarge = e instanceof RecordError && e.tooLarge;
      return refuse(res, tooLarge ? 413 : 400, `${tooLarge ? "frame too large" : "malformed batch"}: ${e instanceof Error ? e.message : String(e)}`);
    }
    session.nextSeq++;
    // Checked before the body was read; a stream may have been acknowledged further meanwhile.
    if (!session.socket.refuseAck(ack, true)) session.socket.acknowledge(ack);
    res.writeHead(204).end();
    // As a WebSocket's "message" events: the room's frame entry (frameEntry.ts) counts, guards and decodes each.
    for (const f of frames) if (!session.socket.closed) session.socket.emit("message", Buffer.from(f.buffer, f.byteOffset, f.length));
  });
  return true;
}

/** The long-lived response: records are written as they come; a heartbeat first proves it is not buffered. */
function streamSink(session: FallbackSession, req: IncomingMessage, res: ServerResponse, from: number): Sink {
  res.writeHead(200, { "content-type": "application/octet-stream", "cache-control": "no-store", "x-accel-buffering": "no", [FallbackHeader.From]: String(from) });
  res.write(HEARTBEAT);
  const beat = setInterval(() => res.write(HEARTBEAT), HEARTBEAT_MS);
  let done = false;
  const sink: Sink = {
    deliver(bytes) {
      for (const b of bytes) res.write(b);
      return true;
    },
    end() {
      if (done) return;
      done = true;
      clearInterval(beat);
      res.end();
    },
    backlog: () => res.writableLength,
  };
  res.on("close", () => {
    sink.end();
    session.socket.detach(sink);
  });
  void req;
  return sink;
}

/** One long-poll: answered with the first records to arrive (after POLL_COALESCE_MS more), or a heartbeat. */
function pollSink(session: FallbackSession, req: IncomingMessage, res: ServerResponse, from: number): Sink {
  const collected: Uint8Array[] = [];
  let done = false;
  let coalesce: NodeJS.Timeout | undefined;
  const answer = () => {
    if (done) return;
    done = true;
    clearTimeout(coalesce);
    clearTimeout(idle);
    session.socket.detach(sink);
    const body = Buffer.concat(collected.length > 0 ? collected : [HEARTBEAT]);
    res.writeHead(200, { "content-type": "application/octet-stream", "cache-control": "no-store", "content-length": String(body.length), [FallbackHeader.From]: String(from) }).end(body);
  };
  const idle = setTimeout(answer, HEARTBEAT_MS);
  const sink: Sink = {
    deliver(bytes) {
      collected.push(...bytes);
      coalesce ??= setTimeout(answer, POLL_COALESCE_MS);
      return true;
    },
    end: answer,
  };
  req.on("close", () => {
    if (done) return;
    done = true;
    clearTimeout(coalesce);
    clearTimeout(idle);
    session.socket.detach(sink);
  });
  return sink;
}

/** The body, at most `max` bytes with a Content-Length; undefined (and answered) otherwise. */
function readBody(req: IncomingMessage, res: ServerResponse, max: number): Promise<Buffer | undefined> {
  const length = Number(req.headers["content-length"] ?? NaN);
  if (!Number.isInteger(length) || length < 0 || length > max) {
    refuse(res, 413, `the body must be sent with a Content-Length of at most ${max} bytes`);
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let got = 0;
    req.on("data", (c: Buffer) => {
      got += c.length;
      if (got <= length) chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(undefined));
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
}

function refuse(res: ServerResponse, status: number, error: string): true {
  countRefusal(status);
  const body = JSON.stringify({ code: status, error });
  if (!res.headersSent) res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
  return true;
}
