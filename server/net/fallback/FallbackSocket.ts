/**
 * One fallback client's end of the connection, shaped like the `ws` WebSocket that Colyseus's
 * WebSocketClient wraps (send, close, readyState, "message" and "close" events), so a room
 * cannot tell it from a WebSocket: Colyseus binds `Room._onMessage` to its "message" event and
 * its leave handling to "close", exactly as for a socket from the WebSocket transport.
 *
 * Frames for the client wait in an outbox until a sink takes them: the open stream (written
 * as they come) or a long-poll (answered with what is queued). With no sink for
 * DETACHED_DROP_MS the client is gone, and the socket closes with 1006 like a dropped socket.
 *
 * Delivery is lossless across lost answers and cut streams: every frame and close record is
 * numbered from 0, and a record stays held after it went to a sink until the client
 * acknowledges it (the `x-fallback-ack` header of its next poll, stream or batch: how many
 * records it has received). A new sink starts at the client's acknowledgement, so whatever a
 * lost poll answer or a cut stream carried is sent again; the client drops what it already
 * has by number. Past `maxUnackedBytes` held the client is not reading: the socket drops with 1006.
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
  /** Write records (numbered consecutively from where the sink started); returns false when this sink is done (a poll answers once). */
  deliver(bytes: Uint8Array[]): boolean;
  /** End the sink (the socket is closed or a newer sink replaced it). */
  end(): void;
  /** Bytes written to it that the client has not read yet (a stream's response buffer). */
  backlog?(): number;
}

export interface SocketTiming {
  /** How long the socket lives with no stream or poll attached. */
  detachedDropMs: number;
  /** Bytes of sent records the client may leave unacknowledged before the socket drops (1006). */
  maxUnackedBytes: number;
}

export class FallbackSocket extends EventEmitter {
  readyState = OPEN;
  /** Records not yet acknowledged, numbered from `heldFrom`: sent ones first, then the outbox from `nextOut`. */
  private held: Uint8Array[] = [];
  private heldFrom = 0;
  private heldBytes = 0;
  /** The number of the next record to hand a sink. */
  private nextOut = 0;
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
    this.heldFrom = this.nextOut = this.end;
    this.held = [];
    this.heldBytes = 0;
    this.finish(code, reason);
  }

  /** ws's terminate(): gone at once. */
  terminate(): void {
    this.closedByClient(ABNORMAL_CLOSURE);
  }

  /**
   * Why `ack` (records the client says it has received) cannot be taken, or undefined when it
   * can: it may not go back before an earlier acknowledgement nor past what was sent. A
   * batch's may lag (`mayLag`): a poll answered while the batch was on its way acknowledged more.
   */
  refuseAck(ack: number, mayLag = false): string | undefined {
    if (ack < this.heldFrom && !mayLag) return `acknowledges ${ack} records, but ${this.heldFrom} were acknowledged already`;
    if (ack > this.nextOut) return `acknowledges ${ack} records, but only ${this.nextOut} were sent`;
    return undefined;
  }

  /** The client has received `ack` records (checked with refuseAck): forget them. */
  acknowledge(ack: number): void {
    const drop = ack - this.heldFrom;
    if (drop <= 0) return;
    for (const b of this.held.slice(0, drop)) this.heldBytes -= b.length;
    this.held = this.held.slice(drop);
    this.heldFrom = ack;
  }

  /** Records after the first `ack` that a sink attached with `ack` would carry (sent again or new). */
  recordsAfter(ack: number): number {
    return this.end - ack;
  }

  /** Records sent so far: what a client acknowledges when it does not say (and where a new sink starts then). */
  get sent(): number {
    return this.nextOut;
  }

  /**
   * Attach a stream or poll, replacing (and ending) any earlier one. It starts at `ack`
   * (checked with refuseAck): records after it that went to an earlier sink are sent again.
   */
  attach(sink: Sink, ack = this.nextOut): void {
    if (this.sink && this.sink !== sink) this.sink.end();
    this.acknowledge(ack);
    this.nextOut = ack;
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
    for (const b of this.held.slice(this.nextOut - this.heldFrom)) bytes += b.length;
    return bytes;
  }

  /** Records waiting for a sink. */
  get pending(): number {
    return this.end - this.nextOut;
  }

  /** Bytes of records held until the client acknowledges them. */
  get unackedBytes(): number {
    return this.heldBytes;
  }

  /** The number the next queued record gets. */
  private get end(): number {
    return this.heldFrom + this.held.length;
  }

  get closed(): boolean {
    return this.readyState === CLOSED;
  }

  private queue(bytes: Uint8Array): void {
    this.held.push(bytes);
    this.heldBytes += bytes.length;
    // A client that never acknowledges would make the server keep everything: treat it as gone.
    if (this.heldBytes > this.timing.maxUnackedBytes && this.readyState === OPEN) return this.closedByClient(ABNORMAL_CLOSURE, "too much unacknowledged");
    this.flush();
  }

  private flush(): void {
    if (!this.sink || this.nextOut === this.end) return;
    const batch = this.held.slice(this.nextOut - this.heldFrom);
    this.nextOut = this.end;
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
