/**
 * The one hook on a room's client frame entry point. Every WebSocket frame a client sends
 * reaches Colyseus's private `Room._onMessage`, which Colyseus binds to each client's socket
 * when it joins; Colyseus has no public per-frame hook. This module alone replaces it, once
 * per room and before anyone joins, and each frame then goes through, in this order:
 *
 *   1. counted as received (frames and bytes, by room type), whatever happens next;
 *   2. the room's frame admission (FrameGuard: rate, expelled sessions, frame shape), if any;
 *   3. a refused frame is counted as refused, by reason, and dropped;
 *   4. an admitted frame goes on to Colyseus's decode; a decoder that throws is counted as
 *      refused ("undecodable") and reported to the admission, so the throw never escapes
 *      the socket's message handler;
 *   5. a decoded frame is shown to the room's observers (the intent ledger times arrivals).
 *
 * So received = decoded + refused, at every moment. instrumentRoom installs the hook in the
 * room's constructor (metrics for any room class); FrameGuard.install adds admission to it.
 */
import type { Client, Room } from "colyseus";
import { hostMetrics, type TypeSeries } from "../metrics/hostMetrics.ts";

type OnMessage = (client: Client, buffer: Uint8Array) => void;

/** Why a frame was refused before decoding, as counted in skirmish_frames_refused_total. */
export type FrameRefusal = "rate_limited" | "expelled" | "bad_frame";

export interface FrameAdmission {
  /** undefined admits the frame; a reason refuses it (the admission has done what it does about the client). */
  admit(client: Client, buffer: Uint8Array): FrameRefusal | undefined;
  /** Colyseus's decoder threw on an admitted frame. */
  undecodable(client: Client, error: unknown): void;
}

/** Sees each frame once Colyseus has decoded it (its effects, e.g. a buffered intent, are in place). */
export type FrameObserver = (client: Client, buffer: Uint8Array) => void;

export interface FrameEntry {
  /** Put an admission before decoding; a room has at most one. */
  admitWith(admission: FrameAdmission): void;
  /** Be shown every decoded frame. */
  observeWith(observer: FrameObserver): void;
}

const entries = new WeakMap<Room, FrameEntry>();

/** This room's frame entry hook, installed on first call. Call before the first client joins. */
export function frameEntry(room: Room): FrameEntry {
  const existing = entries.get(room);
  if (existing) return existing;
  const target = room as unknown as { _onMessage: OnMessage };
  const decode = target._onMessage;
  let admission: FrameAdmission | undefined;
  const observers: FrameObserver[] = [];
  const observe = (client: Client, buffer: Uint8Array) => {
    for (const o of observers) o(client, buffer);
  };
  // Resolved at the first frame: the room's type name is set after construction.
  let series: TypeSeries | undefined;
  target._onMessage = (client, buffer) => {
    const s = (series ??= hostMetrics.seriesOf(room.roomName));
    s.received.n++;
    s.receivedBytes.n += buffer?.length ?? 0;
    if (!admission) {
      decode.call(room, client, buffer);
      return observe(client, buffer);
    }
    const refusal = admission.admit(client, buffer);
    if (refusal !== undefined) {
      s.refused(refusal).n++;
      return;
    }
    try {
      decode.call(room, client, buffer);
    } catch (e) {
      s.refused("undecodable").n++;
      admission.undecodable(client, e);
      return;
    }
    observe(client, buffer);
  };
  const entry: FrameEntry = {
    admitWith(a) {
      if (admission && admission !== a) throw new Error(`room ${room.roomId} already has a frame admission`);
      admission = a;
    },
    observeWith(o) {
      observers.push(o);
    },
  };
  entries.set(room, entry);
  return entry;
}
