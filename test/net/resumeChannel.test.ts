/**
 * The client half of lossless resume (game/net/ResumeChannel.ts), as pure logic over a fake
 * room: each numbered message is handled once and in order, a replayed one is dropped, what is
 * sent while away waits and goes after the resume, and an overflow is reported.
 */
import { describe, expect, it } from "vitest";
import { ResumeChannel, type ResumableRoom } from "../../game/net/ResumeChannel.ts";
import { messagesOf, useChannel } from "../../game/net/messages.ts";
import { Msg } from "../../shared/protocol.ts";

class FakeRoom implements ResumableRoom {
  readonly sent: Array<{ type: string; payload: unknown }> = [];
  private readonly handlers = new Map<string, Set<(p: unknown) => void>>();
  private readonly drops = new Set<() => void>();
  private readonly reconnects = new Set<() => void>();
  send(type: string, payload?: unknown): void {
    this.sent.push({ type, payload });
  }
  onMessage(type: string, cb: (p: unknown) => void): () => void {
    const set = this.handlers.get(type) ?? new Set();
    this.handlers.set(type, set.add(cb));
    return () => set.delete(cb);
  }
  onDrop(cb: () => void): void {
    this.drops.add(cb);
  }
  onReconnect(cb: () => void): void {
    this.reconnects.add(cb);
  }
  deliver(type: string, payload: unknown): void {
    for (const h of this.handlers.get(type) ?? []) h(payload);
  }
  numbered(n: number, t: string, p: unknown): void {
    this.deliver(Msg.Numbered, { n, t, p });
  }
  drop(): void {
    for (const cb of this.drops) cb();
  }
  reconnect(): void {
    for (const cb of this.reconnects) cb();
  }
}

const kill = (victim: string) => ({ type: "kill", killer: "k", victim });

describe("ResumeChannel", () => {
  it("hands each numbered message to its handler once, in order, and drops a replayed one", () => {
    const room = new FakeRoom();
    const channel = new ResumeChannel(room);
    useChannel(room, channel);
    const seen: string[] = [];
    messagesOf(room).on(Msg.Event, (e) => seen.push(e.type === "kill" ? e.victim : e.type));
    room.numbered(1, Msg.Event, kill("a"));
    room.numbered(2, Msg.Event, kill("b"));
    room.numbered(2, Msg.Event, kill("b"));
    room.numbered(1, Msg.Event, kill("a"));
    room.numbered(3, Msg.Event, kill("c"));
    expect(seen).toEqual(["a", "b", "c"]);
    expect(channel.last).toBe(3);
    expect(channel.duplicates).toBe(2);
  });

  it("says where it left off on reconnect, before what it queued while away", () => {
    const room = new FakeRoom();
    const channel = new ResumeChannel(room, {}, { maxQueued: 2 });
    const unsent: string[][] = [];
    const other = new FakeRoom();
    const reported = new ResumeChannel(other, { onUnsent: (t) => unsent.push(t) }, { maxQueued: 2 });
    room.numbered(1, Msg.RoomInfo, { type: "arena", mode: "ffa", code: "", ownerId: "" });
    room.drop();
    channel.send(Msg.Chat, "one");
    channel.send(Msg.Chat, "two");
    expect(room.sent).toEqual([]);
    room.reconnect();
    expect(room.sent).toEqual([
      { type: Msg.Resume, payload: { last: 1 } },
      { type: Msg.Chat, payload: "one" },
      { type: Msg.Chat, payload: "two" },
    ]);
    other.drop();
    for (const text of ["a", "b", "c", "d"]) reported.send(Msg.Chat, text);
    expect(unsent).toEqual([[Msg.Chat], [Msg.Chat]]);
  });

  it("keeps messages that arrive before their handler, and jumps ahead on a gap", () => {
    const room = new FakeRoom();
    const gaps: number[] = [];
    const channel = new ResumeChannel(room, { onGap: (g) => gaps.push(g.next) });
    room.numbered(1, Msg.Event, kill("early"));
    const seen: unknown[] = [];
    channel.onMessage(Msg.Event, (p) => seen.push(p));
    expect(seen).toEqual([kill("early")]);
    room.deliver(Msg.ResumeGap, { last: 1, oldest: 40, next: 50 });
    expect(channel.last).toBe(49);
    room.numbered(50, Msg.Event, kill("after"));
    expect(seen).toEqual([kill("early"), kill("after")]);
    expect(gaps).toEqual([50]);
  });
});
