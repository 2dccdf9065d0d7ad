/**
 * The HTTP fallback transport's wire format, shared by the server (server/net/fallback/) and
 * the client (game/net/transport/). The frames inside are the same Colyseus protocol frames a
 * WebSocket carries; this only says how they travel over plain HTTP.
 *
 * A session's URLs hang under the room's WebSocket URL turned into http(s), so a load balancer
 * routes them to the process holding the room exactly as it routes the upgrade
 * (deploy/nginx/skirmish.conf): `<ws url path>/~fallback/<action>`.
 *
 * - `open` (POST, JSON body FallbackOpen) → 200 `{ id, secret }`. The seat's session id and
 *   reconnection token travel in the body, never in the URL.
 * - `stream` (GET) → one long-lived binary response of records (below).
 * - `poll` (GET) → the records queued now, or the first ones to arrive (long-polling, for a
 *   proxy that buffers the stream).
 * - `send` (POST, binary body of records, header SEQ) → 204. Batches are numbered from 0.
 *   An empty batch only carries the ACK header (a streaming client acknowledges with it).
 *
 * Server records are numbered from 0 (frames and the close record; heartbeats are not
 * counted). `stream`, `poll` and `send` carry header ACK, how many the client has received;
 * the server keeps records until acknowledged, starts each stream or poll answer at the ACK
 * (header FROM of the answer names the first record's number), so what a lost answer or a cut
 * stream carried comes again, and the client drops the records it already has.
 * - `close` (POST, JSON `{ code }`) → 204.
 * Every request but `open` carries the session id and secret in the two headers below.
 *
 * A record is `[u32 big-endian length of what follows][u8 kind][payload]`.
 */
import { z } from "zod";

export const FALLBACK_SEGMENT = "~fallback";
export const FallbackAction = { Open: "open", Stream: "stream", Poll: "poll", Send: "send", Close: "close" } as const;
export type FallbackAction = (typeof FallbackAction)[keyof typeof FallbackAction];

/** Header names (lower case, as node:http gives them). The secret never goes in a URL. */
export const FallbackHeader = { Session: "x-fallback-session", Secret: "x-fallback-secret", Seq: "x-fallback-seq", Ack: "x-fallback-ack", From: "x-fallback-from" } as const;

/** A count of records in a header (ACK, FROM): a decimal integer. */
export function parseCount(text: string | null | undefined): number | undefined {
  return text !== undefined && text !== null && /^\d{1,12}$/.test(text) ? Number(text) : undefined;
}

export const RecordKind = {
  /** One Colyseus protocol frame. */
  Frame: 0,
  /** The server closed the connection: u16 close code, then the reason in UTF-8. */
  Close: 1,
  /** Nothing: keeps a stream (and proxies) from timing out, and proves it is not buffered. */
  Heartbeat: 2,
} as const;
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];

export interface FallbackRecord {
  kind: RecordKind;
  payload: Uint8Array;
}

/** How long the client gives a WebSocket to open before it tries the fallback (Phoenix uses 2.5 s too). */
export const WEBSOCKET_OPEN_TIMEOUT_MS = 2500;
/** A stream that has delivered no byte by then is taken to be buffered by a proxy: the client long-polls instead. */
export const STREAM_FIRST_BYTE_MS = 2500;
/** The server sends a heartbeat on an idle stream this often, and ends an idle long-poll after this long. */
export const HEARTBEAT_MS = 10_000;

/** The body of `open`: what the SDK puts in the WebSocket URL's query, moved out of the URL. */
export const FallbackOpen = z.strictObject({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  reconnectionToken: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/).optional(),
  skipHandshake: z.boolean().optional(),
  authToken: z.string().max(4096).optional(),
});
export type FallbackOpen = z.infer<typeof FallbackOpen>;
/** `close`'s body: the close code the client's transport was closed with. */
export const FallbackClose = z.strictObject({ code: z.number().int().min(1000).max(4999).optional() });

/** A body or stream that is not records: `tooLarge` when a record is over the frame size limit. */
export class RecordError extends Error {
  override name = "RecordError";
  constructor(
    readonly tooLarge: boolean,
    message: string,
  ) {
    super(message);
  }
}

const KINDS: ReadonlySet<number> = new Set(Object.values(RecordKind));

/** One record as bytes. */
export function encodeRecord(kind: RecordKind, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + payload.length);
  new DataView(out.buffer).setUint32(0, payload.length + 1);
  out[4] = kind;
  out.set(payload, 5);
  return out;
}

/** Records as one byte string. */
export function encodeRecords(records: readonly FallbackRecord[]): Uint8Array {
  const parts = records.map((r) => encodeRecord(r.kind, r.payload));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A close record's payload. The reason is ASCII (others become "?"): close reasons are short
 * English sentences, and shared/ has no TextEncoder (it is compiled without DOM or Node types).
 */
export function encodeClose(code: number, reason: string): Uint8Array {
  const text = reason.slice(0, 120);
  const out = new Uint8Array(2 + text.length);
  new DataView(out.buffer).setUint16(0, code);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i] = c < 128 ? c : 63;
  }
  return out;
}

export function decodeClose(payload: Uint8Array): { code: number; reason: string } {
  if (payload.length < 2) return { code: 1005, reason: "" };
  return { code: new DataView(payload.buffer, payload.byteOffset).getUint16(0), reason: String.fromCharCode(...payload.subarray(2)) };
}

/**
 * Reassembles records from byte chunks that may split or join them (a stream's reads).
 * `push` returns the whole records so far, or throws on a record that cannot be one.
 */
export class RecordReader {
  private pending: Uint8Array = new Uint8Array(0);

  constructor(private readonly maxRecordBytes: number) {}

  push(chunk: Uint8Array): FallbackRecord[] {
    const buf = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const records: FallbackRecord[] = [];
    let at = 0;
    while (buf.length - at >= 4) {
      const length = new DataView(buf.buffer, buf.byteOffset + at).getUint32(0);
      if (length < 1) throw new RecordError(false, "a record of length 0");
      if (length - 1 > this.maxRecordBytes) throw new RecordError(true, `a frame of ${length - 1} bytes (at most ${this.maxRecordBytes})`);
      if (buf.length - at - 4 < length) break;
      const kind = buf[at + 4]!;
      if (!KINDS.has(kind)) throw new RecordError(false, `unknown record kind ${kind}`);
      records.push({ kind: kind as RecordKind, payload: buf.slice(at + 5, at + 4 + length) });
      at += 4 + length;
    }
    this.pending = buf.slice(at);
    return records;
  }

  /** Bytes of an unfinished record still held. */
  get leftover(): number {
    return this.pending.length;
  }
}

/** A whole body's records; throws when the body is not exactly a sequence of records. */
export function decodeRecords(body: Uint8Array, maxRecordBytes: number): FallbackRecord[] {
  const reader = new RecordReader(maxRecordBytes);
  const records = reader.push(body);
  if (reader.leftover !== 0) throw new RecordError(false, `the body ends inside a record (${reader.leftover} bytes left over)`);
  return records;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
