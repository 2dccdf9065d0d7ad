/**
 * The kit's one send path for reliable server-to-client messages (lossless resume, colyseus#417).
 *
 * Colyseus loses what a room sends to a dropped client: the client leaves `room.clients` at the
 * drop, so broadcasts skip it and a send to its old object lands in a queue nobody flushes; and
 * what was on the wire when the socket died is gone too. Here every reliable message to a client
 * that joined with `resume: true` is numbered and kept in its ring (ResumeRing.ts), whether it is
 * connected or not. After a reconnect nothing is delivered until the client says which number it
 * handled last (`resume { last }`); then the rest is replayed in order and live sending goes on,
 * so the client sees every message once, in order. When the ring no longer reaches back that far
 * the client gets `resume_gap` and the room resends its state (`resync`).
 *
 * Every existing sender keeps calling `client.send`: `attach` routes a client's own `send`
 * through here, so chat, refusals and room types need no change. Clients that did not ask for
 * resume (bots, older tests) get plain messages as before, and nothing is kept for them.
 */
import type { Client } from "colyseus";
import { Msg } from "../../../shared/protocol.ts";
import { ResumeRing, type RingSettings } from "./ResumeRing.ts";

type Deliver = (type: string, payload?: unknown) => void;

interface Stream {
  /** Present for a client that asked for resume. */
  ring: ResumeRing | undefined;
  /** The connected socket's own send; undefined while the client is away. */
  deliver: Deliver | undefined;
  /** Reconnected, waiting for `resume { last }`: messages are kept, not sent. */
  awaiting: boolean;
}

/** The outcome of a `resume { last }`, for the room's log and its resync. */
export type ResumeOutcome = { kind: "replayed"; count: number } | { kind: "gap"; last: number; oldest: number } | { kind: "refused"; detail: string };

export class ResumeOutbox {
  private readonly streams = new Map<string, Stream>();

  constructor(
    private readonly settings: RingSettings,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A client took a seat; `numbered` when it joined with `resume: true`. */
  join(client: Client, numbered: boolean): void {
    this.streams.set(client.sessionId, { ring: numbered ? new ResumeRing(this.settings, this.now) : undefined, deliver: undefined, awaiting: false });
    this.attach(client);
  }

  /** Its connection dropped: keep numbering (and keeping) what it is sent, deliver nothing. */
  dropped(sessionId: string): void {
    const stream = this.streams.get(sessionId);
    if (stream) stream.deliver = undefined;
  }

  /** It came back on a new socket: deliver there, once it has said where it left off. */
  reconnected(client: Client): void {
    const stream = this.streams.get(client.sessionId);
    if (!stream) return;
    this.attach(client);
    stream.awaiting = stream.ring !== undefined;
  }

  left(sessionId: string): void {
    this.streams.delete(sessionId);
  }

  /** Whether this session gets numbered messages. */
  numbered(sessionId: string): boolean {
    return this.streams.get(sessionId)?.ring !== undefined;
  }

  /** Send one reliable message to one seat, connected or away. */
  send(sessionId: string, type: string, payload?: unknown): void {
    const stream = this.streams.get(sessionId);
    if (!stream) return;
    if (!stream.ring) return stream.deliver?.(type, payload);
    const n = stream.ring.push(type, payload);
    if (!stream.awaiting) stream.deliver?.(Msg.Numbered, { n, t: type, p: payload });
  }

  /** Send one reliable message to every seat, the ones held for a dropped player included (but those `skip` names). */
  broadcast(type: string, payload?: unknown, skip?: (sessionId: string) => boolean): void {
    for (const id of this.streams.keys()) if (!skip?.(id)) this.send(id, type, payload);
  }

  /**
   * The client's `resume { last }` after a reconnect: replay what it missed, in order, and
   * resume live sending; or, when the ring has lost some of it, send `resume_gap` (the room
   * then resends its state through `send`).
   */
  resume(sessionId: string, last: number): ResumeOutcome {
    const stream = this.streams.get(sessionId);
    if (!stream?.ring) return { kind: "refused", detail: "resume: this seat did not join with resume: true" };
    if (!stream.awaiting) return { kind: "refused", detail: "resume: only once, right after a reconnect" };
    const ring = stream.ring;
    stream.awaiting = false;
    const sent = ring.next - 1;
    const replay = last > sent ? undefined : ring.after(last);
    if (replay?.ok) {
      for (const e of replay.entries) stream.deliver?.(Msg.Numbered, { n: e.n, t: e.type, p: e.payload });
      return { kind: "replayed", count: replay.entries.length };
    }
    // A gap, or a client claiming messages never sent (treated as a gap: it gets the state afresh).
    const oldest = replay ? replay.oldest : ring.next;
    stream.deliver?.(Msg.ResumeGap, { last, oldest, next: ring.next });
    return { kind: "gap", last, oldest };
  }

  /** Send outside the numbering (latency probes: a stale one is worthless). */
  unnumbered(client: Client, type: string, payload?: unknown): void {
    const stream = this.streams.get(client.sessionId);
    if (stream?.deliver) stream.deliver(type, payload);
    else client.send(type, payload);
  }

  /** Route the client's own `send` through here, and remember its socket's original. */
  private attach(client: Client): void {
    const stream = this.streams.get(client.sessionId);
    if (!stream) return;
    const own = client as unknown as { send: (type: unknown, payload?: unknown, options?: unknown) => void; __resumeOriginal?: Deliver };
    const original = own.__resumeOriginal ?? (own.send.bind(client) as Deliver);
    own.__resumeOriginal = original;
    stream.deliver = original;
    own.send = (type, payload, options) => {
      // Sends the kit does not number (a string type without options) go straight out as before.
      if (typeof type !== "string" || options !== undefined) return (original as (t: unknown, p?: unknown, o?: unknown) => void)(type, payload, options);
      this.send(client.sessionId, type, payload);
    };
  }
}
