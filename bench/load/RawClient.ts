/**
 * The cheap load client: matchmakes over HTTP like the SDK, then speaks the Colyseus
 * protocol on a bare WebSocket. It acknowledges the join, answers the server's latency
 * probe, sends pre-built input frames, and counts what arrives without decoding state, so
 * one generator core can stand in for many players.
 */
import type { Histogram } from "./Histogram.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";
import { JOIN_ACK, PING_FRAME, pingId, pongFrame, Protocol } from "./frames.ts";

const CODE_MASK = 0x1f;

/** Totals over every load client of a generator, read at the start and end of the window. */
export interface Traffic {
  bytesIn: number;
  framesIn: number;
  bytesOut: number;
  framesOut: number;
}

export interface SeatReservation {
  name: string;
  roomId: string;
  sessionId: string;
  processId: string;
}

/**
 * Reserve a seat like the SDK does (POST /matchmake/<method>/<room>).
 * `create` makes a room of `roomName`; otherwise join room `roomId`; `extra` adds join options (`spectate: true`).
 */
export async function reserveSeat(base: string, target: { create: string } | { roomId: string }, name: string, extra: Record<string, unknown> = {}): Promise<SeatReservation> {
  const path = "create" in target ? `create/${target.create}` : `joinById/${target.roomId}`;
  const res = await fetch(`${base}/matchmake/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ name, protocol: PROTOCOL_VERSION, ...extra }),
  });
  const body = (await res.json()) as SeatReservation & { error?: string; code?: number };
  if (!res.ok || !body.sessionId) throw new Error(`matchmake ${path} failed: ${res.status} ${body.error ?? JSON.stringify(body)}`);
  return body;
}

export class RawClient {
  /** Size of the full state frame received on joining (protocol byte and ack prefix included). */
  fullStateBytes = 0;
  private pingSentAt = 0;

  private constructor(
    readonly seat: SeatReservation,
    private readonly ws: WebSocket,
    private readonly traffic: Traffic,
    private readonly rtt: Histogram,
  ) {}

  /** Connect with a reserved seat; resolves once the full state has arrived. */
  static connect(base: string, seat: SeatReservation, traffic: Traffic, rtt: Histogram): Promise<RawClient> {
    const url = `${base.replace(/^http/, "ws")}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`;
    const ws = new WebSocket(url);
    ws.binaryType = "arraybuffer";
    const client = new RawClient(seat, ws, traffic, rtt);
    return new Promise((resolve, reject) => {
      ws.onerror = () => reject(new Error(`websocket error joining ${seat.roomId}`));
      ws.onclose = (e) => reject(new Error(`closed while joining ${seat.roomId}: ${e.code} ${e.reason}`));
      ws.onmessage = (e) => {
        if (client.receive(e.data as ArrayBuffer) === Protocol.ROOM_STATE) {
          ws.onclose = null;
          resolve(client);
        }
      };
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: Uint8Array<ArrayBuffer>): void {
    if (!this.open) return;
    this.ws.send(frame);
    this.traffic.bytesOut += frame.byteLength;
    this.traffic.framesOut++;
  }

  /** Time one round trip through the room (Colyseus answers PING at once, from the event loop). */
  probeLatency(): void {
    if (this.pingSentAt !== 0) return; // the last probe is still out
    this.pingSentAt = performance.now();
    this.send(PING_FRAME);
  }

  close(): void {
    this.ws.onmessage = null;
    this.ws.close();
  }

  /** Count a frame and handle the few that need an answer; returns its protocol code. */
  private receive(data: ArrayBuffer): number {
    this.traffic.bytesIn += data.byteLength;
    this.traffic.framesIn++;
    const bytes = new Uint8Array(data);
    const code = bytes[0]! & CODE_MASK;
    if (code === Protocol.ROOM_STATE) {
      this.fullStateBytes = data.byteLength;
    } else if (code === Protocol.JOIN_ROOM) {
      this.send(JOIN_ACK);
    } else if (code === Protocol.PING && this.pingSentAt !== 0) {
      this.rtt.record(performance.now() - this.pingSentAt);
      this.pingSentAt = 0;
    } else if (code === Protocol.ROOM_DATA) {
      const id = pingId(bytes);
      if (id !== undefined) this.send(pongFrame(id));
    }
    return code;
  }
}
