/**
 * The HTTP fallback as a transport of the SDK's Connection (its ITransport: connect, send,
 * sendUnreliable, close, isOpen, and the onopen/onmessage/onclose/onerror events), for
 * networks that break the WebSocket upgrade. The wire is in shared/fallback.ts: the server's
 * frames come over one long-lived streamed response (or long-polls where a proxy buffers it),
 * the client's frames go in numbered POST batches, one in flight at a time.
 *
 * Delivery is lossless across a lost poll answer or a cut stream: the client counts the
 * server's numbered records, says how many it has (header ACK) with every poll, stream and
 * batch, drops the ones an answer repeats, and retries a failed poll or stream a few times
 * (RETRIES) before it reports the connection dropped; a streaming client acknowledges with an
 * empty batch every ACK_MS so the server can forget what it delivered.
 *
 * The URL the SDK gives is the room's WebSocket URL; its query (session id, reconnection token,
 * auth token) goes in the `open` request's body instead, so no token is ever in a URL.
 */
import { decodeClose, FALLBACK_SEGMENT, FallbackHeader, type FallbackOpen, parseCount, RecordKind, RecordReader, encodeRecords, STREAM_FIRST_BYTE_MS, type FallbackRecord } from "../../../shared/fallback.ts";

/** The SDK's transport events (ITransportEventMap in @colyseus/sdk). */
export interface TransportEvents {
  onopen?: ((ev: unknown) => unknown) | null;
  onmessage?: ((ev: { data: ArrayBuffer }) => unknown) | null;
  onclose?: ((ev: { code: number; reason: string }) => unknown) | null;
  onerror?: ((ev: unknown) => unknown) | null;
}

/** How server frames arrive: one stream, or long-polls (chosen by itself when a stream stays silent). */
export type DownMode = "stream" | "poll";

const ABNORMAL_CLOSURE = 1006;
/** Far above any frame the server sends (a join state is a few KB); a guard against a garbled stream. */
const MAX_RECORD_BYTES = 1 << 22;

/** Failed polls or streams in a row (no record got through) before the connection counts as dropped. */
const RETRIES = 3;
const RETRY_DELAY_MS = 150;
/** How often a streaming client acknowledges what it received, when it has nothing else to send. */
export const ACK_MS = 1000;

/** Which down mode a page found works: a proxy that buffered one stream buffers the next too. */
let learnedMode: DownMode | undefined;

export class HttpFallbackTransport {
  isOpen = false;
  /** The down mode in use (for tests and the net overlay). */
  mode: DownMode;
  private base = "";
  private session: { id: string; secret: string } | undefined;
  private seq = 0;
  private queue: Uint8Array[] = [];
  private sending = false;
  private closed = false;
  private abort = new AbortController();
  /** Server records received (frames and the close record): what the ACK header says. */
  private received = 0;
  /** The ACK the server last got from a batch, a poll or a stream. */
  private ackSent = 0;
  private ackTimer: ReturnType<typeof setInterval> | undefined;
  /** Polls or streams that failed in a row. */
  private failures = 0;

  constructor(
    private readonly events: TransportEvents,
    mode?: DownMode,
  ) {
    this.mode = mode ?? learnedMode ?? "stream";
  }

  /** Open the session. One connection per instance: ConnectionChoice makes a new one for each (re)connect. */
  connect(url: string): void {
    const u = new URL(url);
    u.protocol = u.protocol === "wss:" ? "https:" : u.protocol === "ws:" ? "http:" : u.protocol;
    this.base = `${u.origin}${u.pathname.replace(/\/$/, "")}/${FALLBACK_SEGMENT}`;
    const q = u.searchParams;
    const open: FallbackOpen = { sessionId: q.get("sessionId") ?? "" };
    if (q.get("reconnectionToken")) open.reconnectionToken = q.get("reconnectionToken")!;
    if (q.has("skipHandshake")) open.skipHandshake = true;
    if (q.get("_authToken")) open.authToken = q.get("_authToken")!;
    void this.open(open);
  }

  send(data: Uint8Array): void {
    if (this.closed) return;
    // The SDK reuses one buffer for every frame it writes: copy now, as a WebSocket's send does.
    this.queue.push(data.slice());
    void this.pump();
  }

  /** HTTP has no unreliable channel either: as the SDK's WebSocket transport, send reliably. */
  sendUnreliable(data: Uint8Array): void {
    this.send(data);
  }

  close(code?: number, reason = ""): void {
    if (this.closed) return;
    const session = this.session;
    this.finish(code ?? 1005, reason);
    if (session) void fetch(`${this.base}/close`, { method: "POST", headers: this.headers(session, { "content-type": "application/json" }), body: JSON.stringify(code === undefined ? {} : { code }), keepalive: true }).catch(() => undefined);
  }

  private async open(body: FallbackOpen): Promise<void> {
    try {
      const res = await fetch(`${this.base}/open`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: this.abort.signal });
      if (!res.ok) {
        const error = ((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`;
        this.events.onerror?.({ code: res.status, reason: error });
        return this.finish(ABNORMAL_CLOSURE, error);
      }
      this.session = (await res.json()) as { id: string; secret: string };
      if (this.closed) return;
      this.isOpen = true;
      this.events.onopen?.({});
      void this.pump();
      if (this.mode === "stream") void this.stream();
      else void this.poll();
    } catch (e) {
      this.fail(e);
    }
  }

  /** One streamed response for as long as the session lives; silent past STREAM_FIRST_BYTE_MS, it is buffered: long-poll. */
  private async stream(): Promise<void> {
    const session = this.session!;
    const firstByte = new AbortController();
    const abandon = () => firstByte.abort();
    this.abort.signal.addEventListener("abort", abandon);
    let gotByte = false;
    const timer = setTimeout(() => {
      if (gotByte) return;
      learnedMode = this.mode = "poll";
      firstByte.abort();
      void this.poll();
    }, STREAM_FIRST_BYTE_MS);
    this.ackTimer ??= setInterval(() => {
      if (this.received > this.ackSent) void this.pump(true);
    }, ACK_MS);
    try {
      const ack = this.received;
      const res = await fetch(`${this.base}/stream`, { headers: this.headers(session, { [FallbackHeader.Ack]: String(ack) }), signal: firstByte.signal, cache: "no-store" });
      if (!res.ok || !res.body) return this.refused(res);
      this.ackSent = Math.max(this.ackSent, ack);
      const numbered = this.numbering(res);
      const reader = new RecordReader(MAX_RECORD_BYTES);
      const body = res.body.getReader();
      for (;;) {
        const { done, value } = await body.read();
        if (done) break;
        gotByte = true;
        if (!this.handle(reader.push(value), numbered)) return;
      }
      if (!this.closed) this.retry(new Error("the stream ended"), () => this.stream());
    } catch (e) {
      if (this.mode === "poll" && !gotByte) return; // given up for long-polling, above
      this.retry(e, () => this.stream());
    } finally {
      clearTimeout(timer);
      this.abort.signal.removeEventListener("abort", abandon);
    }
  }

  private async poll(): Promise<void> {
    const session = this.session!;
    clearInterval(this.ackTimer); // every poll acknowledges
    try {
      while (!this.closed) {
        const ack = this.received;
        const res = await fetch(`${this.base}/poll`, { headers: this.headers(session, { [FallbackHeader.Ack]: String(ack) }), signal: this.abort.signal, cache: "no-store" });
        if (!res.ok) return this.refused(res);
        this.ackSent = Math.max(this.ackSent, ack);
        this.failures = 0;
        const numbered = this.numbering(res);
        const records = new RecordReader(MAX_RECORD_BYTES).push(new Uint8Array(await res.arrayBuffer()));
        if (!this.handle(records, numbered)) return;
      }
    } catch (e) {
      this.retry(e, () => this.poll());
    }
  }

  /** The numbers of an answer's records, from its FROM header (they start where the ACK said, or earlier never). */
  private numbering(res: Response): { next: number } {
    const from = parseCount(res.headers.get(FallbackHeader.From));
    if (from === undefined) throw new Error(`the server's answer has no ${FallbackHeader.From} header`);
    return { next: from };
  }

  /** A poll or stream failed without an answer (lost on the way, cut): try again from the ACK, a few times. */
  private retry(e: unknown, again: () => Promise<void>): void {
    if (this.closed) return;
    if (++this.failures > RETRIES) return this.fail(e);
    setTimeout(() => void (this.closed ? undefined : again()), RETRY_DELAY_MS * this.failures);
  }

  /** Deliver records; false once a close record ended the connection. */
  private handle(records: FallbackRecord[], numbered: { next: number }): boolean {
    for (const r of records) {
      if (this.closed) return false;
      if (r.kind === RecordKind.Heartbeat) continue;
      const n = numbered.next++;
      if (n < this.received) continue; // sent again after a lost answer: had it already
      if (n > this.received) throw new Error(`record ${n} arrived before record ${this.received}`);
      this.received++;
      this.failures = 0;
      if (r.kind === RecordKind.Frame) {
        const data = r.payload.buffer.slice(r.payload.byteOffset, r.payload.byteOffset + r.payload.length) as ArrayBuffer;
        this.events.onmessage?.({ data });
      } else if (r.kind === RecordKind.Close) {
        const { code, reason } = decodeClose(r.payload);
        this.finish(code, reason);
        return false;
      }
    }
    return !this.closed;
  }

  /** Send queued frames, one batch in flight at a time (the server refuses batches out of order). */
  private async pump(ackOnly = false): Promise<void> {
    if (this.sending || !this.session || (this.queue.length === 0 && !ackOnly) || this.closed) return;
    this.sending = true;
    const batch = this.queue;
    this.queue = [];
    try {
      const ack = this.received;
      const res = await fetch(`${this.base}/send`, {
        method: "POST",
        headers: this.headers(this.session, { "content-type": "application/octet-stream", [FallbackHeader.Seq]: String(this.seq), [FallbackHeader.Ack]: String(ack) }),
        body: encodeRecords(batch.map((payload) => ({ kind: RecordKind.Frame, payload }))) as Uint8Array<ArrayBuffer>,
        signal: this.abort.signal,
      });
      if (!res.ok) return this.refused(res);
      this.seq++;
      this.ackSent = Math.max(this.ackSent, ack);
    } catch (e) {
      return this.fail(e);
    } finally {
      this.sending = false;
    }
    void this.pump();
  }

  private async refused(res: Response): Promise<void> {
    const error = ((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`;
    if (!this.closed) this.finish(ABNORMAL_CLOSURE, error);
  }

  private fail(e: unknown): void {
    if (this.closed) return;
    this.finish(ABNORMAL_CLOSURE, e instanceof Error ? e.message : String(e));
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.isOpen = false;
    clearInterval(this.ackTimer);
    this.abort.abort();
    this.events.onclose?.({ code, reason });
  }

  private headers(session: { id: string; secret: string }, extra: Record<string, string> = {}): Record<string, string> {
    return { [FallbackHeader.Session]: session.id, [FallbackHeader.Secret]: session.secret, ...extra };
  }
}

/** Forget the learned down mode (tests). */
export function resetLearnedMode(): void {
  learnedMode = undefined;
}
