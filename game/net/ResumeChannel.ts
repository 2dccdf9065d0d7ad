/**
 * The client half of lossless resume (docs/netcode.md, "Lossless resume"): a MessageChannel
 * over an SDK room joined with `resume: true`. The server numbers every reliable message
 * (`n { n, t, p }`); this hands each to its handlers once, in order, and keeps the number of
 * the last one handled. After a reconnect it says that number (`resume { last }`) before
 * anything else, so the server replays what was missed; a repeat is dropped, never handled
 * twice. What the player sends while the connection is down waits here (the SDK would keep
 * only its last 10) and goes out after the resume, in order; beyond `maxQueued` the oldest
 * is dropped and reported.
 */
import { Numbered, ResumeGap, type ResumeGapMessage } from "../../shared/kit/resume.ts";
import { Msg } from "../../shared/protocol.ts";
import type { MessageChannel } from "./messages.ts";

/** The part of an SDK room this needs. */
export interface ResumableRoom extends MessageChannel {
  onDrop(callback: () => void): unknown;
  onReconnect(callback: () => void): unknown;
}

export interface ResumeEvents {
  /** The server no longer had some missed messages: the state was resent instead. */
  onGap?(gap: ResumeGapMessage): void;
  /** Messages the player sent while away that did not fit the queue (oldest first). */
  onUnsent?(types: string[]): void;
  /** A numbered message was handled (to keep its number across a reload). */
  onHandled?(n: number): void;
}

type Callback = (payload: any) => void;

/** Outgoing messages kept while the connection is down. */
const MAX_QUEUED = 64;
/** Messages of a type with no handler yet (a handler registered after the first arrive). */
const MAX_HELD = 64;

export class ResumeChannel implements MessageChannel {
  /** The number of the last message handled (0: none yet). */
  last: number;
  /** Numbered messages seen twice (replayed after they had arrived): dropped. */
  duplicates = 0;
  private readonly handlers = new Map<string, Set<Callback>>();
  private readonly held = new Map<string, unknown[]>();
  private queued: Array<{ type: string; payload: unknown }> = [];
  private away = false;

  constructor(
    private readonly room: ResumableRoom,
    private readonly events: ResumeEvents = {},
    options: { maxQueued?: number; last?: number } = {},
  ) {
    this.maxQueued = options.maxQueued ?? MAX_QUEUED;
    this.last = options.last ?? 0;
    room.onMessage(Msg.Numbered, (raw: unknown) => this.receive(raw));
    room.onMessage(Msg.ResumeGap, (raw: unknown) => this.gap(raw));
    room.onDrop(() => (this.away = true));
    // The SDK calls this before it flushes its own queue: the resume goes first.
    room.onReconnect(() => this.resume());
  }

  private readonly maxQueued: number;

  /** Say where this client left off (after a reconnect, or a reload that rejoined with the token). */
  resume(): void {
    this.away = false;
    this.room.send(Msg.Resume, { last: this.last });
    const queued = this.queued;
    this.queued = [];
    for (const m of queued) this.room.send(m.type, m.payload);
  }

  send(type: string, payload?: unknown): void {
    if (!this.away) return this.room.send(type, payload);
    this.queued.push({ type, payload });
    if (this.queued.length > this.maxQueued) this.events.onUnsent?.(this.queued.splice(0, this.queued.length - this.maxQueued).map((m) => m.type));
  }

  /** Handle `type`, numbered or not (latency probes come unnumbered). */
  onMessage(type: string, callback: Callback): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(callback);
    const plain = this.room.onMessage(type, callback);
    const held = this.held.get(type);
    if (held) {
      this.held.delete(type);
      for (const payload of held) callback(payload);
    }
    return () => {
      set.delete(callback);
      plain();
    };
  }

  private receive(raw: unknown): void {
    const parsed = Numbered.safeParse(raw);
    if (!parsed.success) return console.warn("dropped a malformed numbered message", parsed.error.issues[0]?.message);
    const m = parsed.data;
    if (m.n <= this.last) {
      this.duplicates++;
      return;
    }
    if (m.n !== this.last + 1) console.warn(`numbered messages ${this.last + 1}..${m.n - 1} never arrived`);
    this.last = m.n;
    this.events.onHandled?.(m.n);
    const set = this.handlers.get(m.t);
    if (set && set.size > 0) {
      for (const h of [...set]) h(m.p);
      return;
    }
    const held = this.held.get(m.t) ?? [];
    held.push(m.p);
    if (held.length > MAX_HELD) held.shift();
    this.held.set(m.t, held);
  }

  private gap(raw: unknown): void {
    const parsed = ResumeGap.safeParse(raw);
    if (!parsed.success) return;
    this.last = parsed.data.next - 1;
    this.events.onGap?.(parsed.data);
  }
}
