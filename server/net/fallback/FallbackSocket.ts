/**
 * One fallback client's end of the connection, shaped like the `ws` WebSocket that Colyseus's
 * WebSocketClient wraps (send, close, readyState, "message" and "close" events), so a room
 * cannot tell it from a WebSocket: Colyseus binds `Room._onMessage` to its "message" event and
 * its leave handling to "close", exactly as for a socket from the WebSocket transport.
 *
 * Frames for the client wait in an outbox until a sink takes them: the open stream (written
 * as they come) or a long-poll (answered with what is queued). With no sink for
 * DETACHED_DROP_MS the client is gone, and the socket closes with 1006 like a dropped socket.
 */
import { EventEmitter } from "node:events";
import { encodeClose, encodeRecord, RecordKind } from "../../../shared/fallback.ts";

/** ws's readyState values (Colyseus compares with WebSocket.OPEN). */
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
/** The close code of a connection that went away without a close frame. */
export const ABNORMAL_CLOSURE = 1006;

/** Where records go: a stream writes each, a poll answers once with all it is given. */
export interface Sink {
  /** Write records; returns false when this sink is done (a poll answers once). */
  deliver(bytes: Uint8Array[]): boolean;
  /** End the sink (the socket is closed or a newer sink replaced it). */
  end(): void;
  /** Bytes written to it that the client has not read yet (a stream's response buffer). */
  backlog?(): number;
}

export interface SocketTiming {
  /** How long the socket lives with no stream or poll attached. */
  detachedDropMs: number;
}

export class FallbackSocket extends EventEmitter {
  readyState = OPEN;
  private outbox: Uint8Array[] = [];
  private sink: Sink | undefined;
  private dropTimer: NodeJS.Timeout | undefined;
  /** Bytes handed to sinks, for the bench and metrics. */
  bytesOut = 0;

  constructor(private readonly timing: SocketTiming) {
    super();
    this.armDrop();
  }

  /** ws's send(data, options, cb): queue a frame for the client. */
  send(data: Uint8Array | number[], _options?: unknown, cb?: (err?: Error) => void): void {
    if (this.readyState !== OPEN) {
      cb?.(new Error("fallback socket is not open"));
      return;
    }
    this.queue(encodeRecord(RecordKind.Frame, data instanceof Uint8Array ? data : Uint8Array.from(data)));
    cb?.();
  }

  /** ws's close(code, reason): tell the client, then report the close to the room. */
  close(code = 1005, reason = ""): void {
    if (this.readyState !== OPEN) return;
    this.queue(encodeRecord(RecordKind.Close, encodeClose(code, reason)));
    this.readyState = CLOSING;
    // The close record waits for the client's next stream or poll; it is not waited for.
    setImmediate(() => this.finish(code, reason));
  }

  /** The client said it closed (its `close` request), or stopped coming back: no record is sent. */
  closedByClient(code: number, reason = ""): void {
    if (this.readyState === CLOSED) return;
    this.outbox = [];
    this.finish(code, reason);
  }

  /** ws's terminate(): gone at once. */
  terminate(): void {
    this.closedByClient(ABNORMAL_CLOSURE);
  }

  /** Attach a stream or poll, replacing (and ending) any earlier one. */
  attach(sink: Sink): void {
    if (this.sink && this.sink !== sink) this.sink.end();
    this.sink = sink;
    clearTimeout(this.dropTimer);
    this.flush();
    // Closed already: this sink only collected the close record (and frames before it).
    if (this.readyState === CLOSED && this.sink === sink) {
      this.sink = undefined;
      sink.end();
    }
  }

  /** The stream or poll went away (answered, or the client hung up). */
  detach(sink: Sink): void {
    if (this.sink !== sink) return;
    this.sink = undefined;
    if (this.readyState === CLOSED) return;
    this.armDrop();
  }

  /**
   * ws's bufferedAmount: bytes held for the client and not yet handed to the kernel (the outbox
   * and the stream's response buffer), which the slow-reader limit reads (server/net/SendBacklog.ts).
   */
  get bufferedAmount(): number {
    let bytes = this.sink?.backlog?.() ?? 0;
    for (const b of this.outbox) bytes += b.length;
    return bytes;
  }

  /** Frames waiting for a sink. */
  get pending(): number {
    return this.outbox.length;
  }

  get closed(): boolean {
    return this.readyState === CLOSED;
  }

  private queue(bytes: Uint8Array): void {
    this.outbox.push(bytes);
    this.flush();
  }

  private flush(): void {
    if (!this.sink || this.outbox.length === 0) return;
    const batch = this.outbox;
    this.outbox = [];
    for (const b of batch) this.bytesOut += b.length;
    const sink = this.sink;
    if (!sink.deliver(batch)) this.detach(sink);
  }

  private finish(code: number, reason: string): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    clearTimeout(this.dropTimer);
    // A stream is ended after the close record went out; a waiting poll answers with it.
    this.flush();
    this.sink?.end();
    this.sink = undefined;
    this.emit("close", code, Buffer.from(reason));
  }

  private armDrop(): void {
    clearTimeout(this.dropTimer);
    this.dropTimer = setTimeout(() => this.closedByClient(ABNORMAL_CLOSURE), this.timing.detachedDropMs);
    this.dropTimer.unref();
  }
}
