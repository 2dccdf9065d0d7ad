/**
 * A seeded network for the convergence tests: the SDK's WebSocket is replaced by an in-process
 * socket whose every message, in each direction, arrives after a base latency plus a seeded
 * jitter, in the order it was sent (as on TCP), on the fake clock. The far end is the real
 * server transport's own connection handler, so a real room, the real SDK Room, Predict and
 * the Reconciler run unchanged; only the wire and the clock are simulated.
 *
 * The SDK picks its WebSocket class when it is first loaded, so install() must run before
 * anything imports @colyseus/sdk (in a test: inside `vi.hoisted`). This module imports neither
 * the SDK nor the server for that reason.
 */
import { EventEmitter } from "node:events";
import { createRng, type Rng } from "../../shared/rng.ts";

export interface LinkModel {
  /** One-way latency every message has, ms. */
  baseMs: number;
  /** Extra one-way latency, uniform in [0, jitterMs), drawn per message. */
  jitterMs: number;
}

/** The one server-side entry point the network needs: Colyseus's WebSocketTransport.onConnection. */
interface ServerTransport {
  onConnection(raw: unknown, req: { url: string; headers: Record<string, string>; socket: { remoteAddress: string } }): Promise<void>;
}

/** One direction of a connection: delays each message and never lets one overtake another. */
class Link {
  private lastAt = 0;
  constructor(
    private readonly rng: Rng,
    private readonly model: LinkModel,
  ) {}

  deliver(fn: () => void): void {
    const now = Date.now();
    const at = Math.max(this.lastAt, now + this.model.baseMs + this.rng.next() * this.model.jitterMs);
    this.lastAt = at;
    setTimeout(fn, at - now);
  }
}

/** Copy what was sent: the sender may reuse its buffer for the next message. */
function copyBytes(data: ArrayBufferView | ArrayBuffer | number[]): Uint8Array {
  if (Array.isArray(data)) return Uint8Array.from(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** The server's end of a connection, shaped like the `ws` socket Colyseus's transport expects. */
class ServerSocket extends EventEmitter {
  readyState = 1;
  pingCount = 0;
  constructor(private readonly client: SimWebSocket) {
    super();
  }
  send(data: Uint8Array | number[], _opts?: unknown, cb?: (e?: Error) => void): void {
    if (this.readyState === 1) {
      const bytes = copyBytes(data);
      this.client.down.deliver(() => this.client.receive(bytes));
    }
    cb?.();
  }
  close(code = 1000, reason = ""): void {
    if (this.readyState !== 1) return;
    this.readyState = 3;
    this.emit("close", code, Buffer.from(reason));
    this.client.down.deliver(() => this.client.closed(code, reason));
  }
  terminate(): void {
    this.close(1006);
  }
  ping(): void {
    // Colyseus's heartbeat: the simulated peer is always alive.
  }
}

interface SimEvent {
  data?: ArrayBuffer;
  code?: number;
  reason?: string;
}

/** The client's end: what the SDK's WebSocketTransport drives in place of a WebSocket. */
export class SimWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = SimWebSocket.CONNECTING;
  binaryType = "arraybuffer";
  onopen: ((e: SimEvent) => void) | null = null;
  onmessage: ((e: SimEvent) => void) | null = null;
  onclose: ((e: SimEvent) => void) | null = null;
  onerror: ((e: SimEvent) => void) | null = null;
  readonly up: Link;
  readonly down: Link;
  private readonly server: ServerSocket;

  constructor(url: string) {
    const net = current;
    if (!net) throw new Error("SimWebSocket: no simulated network is running (startSimNetwork)");
    this.up = new Link(net.rng, net.model);
    this.down = new Link(net.rng, net.model);
    this.server = new ServerSocket(this);
    const u = new URL(url);
    // The upgrade takes one trip each way, like a handshake.
    this.up.deliver(() => {
      void net.transport.onConnection(this.server, { url: `${u.pathname}${u.search}`, headers: { host: u.host }, socket: { remoteAddress: "127.0.0.1" } });
      this.down.deliver(() => {
        this.readyState = SimWebSocket.OPEN;
        this.onopen?.({});
      });
    });
  }

  send(data: ArrayBufferView | ArrayBuffer): void {
    if (this.readyState !== SimWebSocket.OPEN) return;
    const bytes = Buffer.from(copyBytes(data));
    this.up.deliver(() => {
      if (this.server.readyState === 1) this.server.emit("message", bytes, true);
    });
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState >= SimWebSocket.CLOSING) return;
    this.readyState = SimWebSocket.CLOSING;
    this.up.deliver(() => {
      this.server.readyState = 3;
      this.server.emit("close", code, Buffer.from(reason));
      this.down.deliver(() => this.closed(code, reason));
    });
  }

  receive(bytes: Uint8Array): void {
    if (this.readyState !== SimWebSocket.OPEN) return;
    this.onmessage?.({ data: bytes.buffer as ArrayBuffer });
  }

  closed(code: number, reason: string): void {
    if (this.readyState === SimWebSocket.CLOSED) return;
    this.readyState = SimWebSocket.CLOSED;
    this.onclose?.({ code, reason });
  }
}

let current: { rng: Rng; model: LinkModel; transport: ServerTransport } | undefined;

/** Make SimWebSocket the WebSocket of everything loaded after this (call before the SDK loads). */
export function installSimWebSocket(): void {
  (globalThis as { WebSocket?: unknown }).WebSocket = SimWebSocket;
}

/** Route new connections to `transport` over links of `model`, drawing jitter from `seed`. */
export function startSimNetwork(transport: ServerTransport, seed: number, model: LinkModel): void {
  current = { rng: createRng(seed), model, transport };
}

export function stopSimNetwork(): void {
  current = undefined;
}
