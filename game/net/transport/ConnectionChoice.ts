/**
 * The transport the client's rooms connect with: WebSocket first, the HTTP fallback
 * (HttpFallbackTransport.ts) when the WebSocket cannot open — its constructor throws (no
 * `window.WebSocket`, a policy), the upgrade is refused (closed or errored before opening), or
 * it has not opened within WEBSOCKET_OPEN_TIMEOUT_MS (2.5 s, as Phoenix's long-poll fallback).
 *
 * Falling back is remembered for the page's session (module state and sessionStorage), so a
 * reconnect or the next room does not wait for the timeout again. A WebSocket that opened is
 * not remembered: trying it first costs nothing while it works, and keeps the fallback for a
 * later network that breaks it. Both transports sit behind
 * this one ITransport shape, which is all the SDK's Connection sees.
 */
import { WEBSOCKET_OPEN_TIMEOUT_MS } from "../../../shared/fallback.ts";
import { HttpFallbackTransport, type DownMode, type TransportEvents } from "./HttpFallbackTransport.ts";

/** The SDK's ITransport (not exported by @colyseus/sdk, so restated). */
export interface SdkTransport {
  isOpen: boolean;
  send(data: Uint8Array): void;
  sendUnreliable(data: Uint8Array): void;
  connect(url: string, options?: unknown): void;
  close(code?: number, reason?: string): void;
}

export type TransportKind = "websocket" | "fallback";
type Remembered = "fallback";

export interface ChoiceOptions {
  /** Force one transport (tests, the bench); by default WebSocket first, then the fallback. */
  force?: TransportKind;
  /** Force the fallback's down mode (tests, the bench). */
  downMode?: DownMode;
  /** How long a WebSocket may take to open. */
  openTimeoutMs?: number;
}

const STORAGE_KEY = "skirmish.transport";
let remembered: Remembered | undefined = readStored();

/** Whether this page has fallen back to HTTP (then every connection starts there). */
export function fellBack(): boolean {
  return remembered === "fallback";
}

/** Forget the choice (tests). */
export function forgetTransportChoice(): void {
  remembered = undefined;
  store(undefined);
}

export class ConnectionChoice implements SdkTransport {
  /** The transport carrying this connection now. */
  current: SdkTransport | undefined;
  kind: TransportKind | undefined;

  constructor(
    private readonly events: TransportEvents,
    /** The SDK's own WebSocket transport class, taken from the Connection it built. */
    private readonly WebSocketTransport: new (events: TransportEvents) => SdkTransport,
    private readonly options: ChoiceOptions = {},
  ) {}

  get isOpen(): boolean {
    return this.current?.isOpen ?? false;
  }

  connect(url: string, options?: unknown): void {
    const kind = this.options.force ?? remembered;
    if (kind === "fallback") return this.useFallback(url);
    if (kind === "websocket") return this.useWebSocket(url, options, this.events);
    this.tryWebSocket(url, options);
  }

  send(data: Uint8Array): void {
    this.current?.send(data);
  }

  sendUnreliable(data: Uint8Array): void {
    this.current?.sendUnreliable(data);
  }

  close(code?: number, reason?: string): void {
    this.current?.close(code, reason);
  }

  private useWebSocket(url: string, options: unknown, events: TransportEvents): void {
    this.kind = "websocket";
    this.current = new this.WebSocketTransport(events);
    this.current.connect(url, options);
  }

  private useFallback(url: string): void {
    this.kind = "fallback";
    this.current = new HttpFallbackTransport(this.events, this.options.downMode);
    this.current.connect(url);
  }

  /** WebSocket on probation: its events are held until it opens; failing before that, the fallback. */
  private tryWebSocket(url: string, options: unknown): void {
    let settled = false;
    const giveUp = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ws = this.current;
      remember("fallback");
      this.useFallback(url);
      try {
        ws?.close();
      } catch {
        // a socket that never opened may refuse to close; it is dropped either way
      }
    };
    const probation: TransportEvents = {
      onopen: (ev) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // From now on the WebSocket's events are the connection's.
        Object.assign(probation, { onopen: null, onmessage: (e: { data: ArrayBuffer }) => this.events.onmessage?.(e), onclose: (e: { code: number; reason: string }) => this.events.onclose?.(e), onerror: (e: unknown) => this.events.onerror?.(e) });
        this.events.onopen?.(ev);
      },
      onmessage: (e) => this.events.onmessage?.(e),
      onclose: () => giveUp(),
      onerror: () => giveUp(),
    };
    const timer = setTimeout(giveUp, this.options.openTimeoutMs ?? WEBSOCKET_OPEN_TIMEOUT_MS);
    try {
      this.useWebSocket(url, options, probation);
    } catch {
      giveUp();
    }
  }
}

function remember(kind: Remembered): void {
  remembered = kind;
  store(kind);
}

function readStored(): Remembered | undefined {
  try {
    return globalThis.sessionStorage?.getItem(STORAGE_KEY) === "fallback" ? "fallback" : undefined;
  } catch {
    return undefined;
  }
}

function store(kind: Remembered | undefined): void {
  try {
    if (kind) globalThis.sessionStorage?.setItem(STORAGE_KEY, kind);
    else globalThis.sessionStorage?.removeItem(STORAGE_KEY);
  } catch {
    // storage may be disabled: the choice then lasts for this page only
  }
}
