/**
 * The delayed spectators' stream (docs/replays.md, "Live spectating"): rather than the live
 * state, a spectator of a real-time room gets the room's tick log held back
 * SPECTATOR_DELAY_SECONDS and re-simulates it with the replay viewer's rules. The delay is
 * enforced here, on the server: an entry is sent only once it is older than the delay, so
 * no client code can show (or relay) what a player sees now.
 *
 * Every FEED_INTERVAL_MS the feed notes how long the log is, and sends each watcher the
 * entries that have aged past the delay since; the frame is encoded once per distinct
 * starting point (normally once per flush for every watcher).
 */
import { getMessageBytes, Protocol, type Client } from "colyseus";
import type { ReplayRecorder } from "../../../shared/replay/ReplayRecorder.ts";
import type { ReplayEntry } from "../../../shared/replay/format.ts";
import { Msg } from "../../../shared/protocol.ts";
import type { SpectateEntriesMessage, SpectateStartMessage } from "../../../shared/replay/spectate.ts";

/** How often aged entries go out: 5 frames a second, a fraction of the delay. */
export const FEED_INTERVAL_MS = 200;

export class SpectatorFeed {
  /** Session id → the next log position to send it. */
  private readonly watchers = new Map<string, number>();
  /** `[time, log length]` samples newer than the delay, oldest first. */
  private readonly marks: Array<readonly [number, number]> = [];
  /** Log entries older than the delay: what spectators may see. */
  private delayed = 0;

  constructor(
    private readonly recorder: ReplayRecorder<unknown>,
    readonly delayMs: number,
    private readonly clientOf: (sessionId: string) => Client | undefined,
    /** Monotonic ms (the room's clock). */
    private readonly now: () => number,
  ) {}

  /** Whether this session watches through the feed. */
  watches(sessionId: string): boolean {
    return this.watchers.has(sessionId);
  }

  /** Send a watcher its start: the keyframe before the delayed point and the entries since (also after a reconnect). */
  start(client: Client): void {
    const key = this.recorder.keyframeBefore(this.delayed);
    const from = key?.at ?? 0;
    const start: SpectateStartMessage = {
      header: this.recorder.header,
      keyframe: key,
      seats: wire(this.recorder.joinsBefore(from)),
      from,
      entries: wire(this.recorder.slice(from, this.delayed)),
      delaySeconds: this.delayMs / 1000,
    };
    client.send(Msg.SpectateStart, start);
    this.watchers.set(client.sessionId, this.delayed);
  }

  forget(sessionId: string): void {
    this.watchers.delete(sessionId);
  }

  /** Note the log's length now, and send every watcher what has aged past the delay. */
  flush(): void {
    const now = this.now();
    this.marks.push([now, this.recorder.length]);
    while (this.marks.length > 0 && this.marks[0]![0] <= now - this.delayMs) this.delayed = this.marks.shift()![1];
    const frames = new Map<number, Uint8Array>();
    for (const [id, next] of this.watchers) {
      if (next >= this.delayed) continue;
      const client = this.clientOf(id);
      if (!client) continue;
      let frame = frames.get(next);
      if (!frame) frames.set(next, (frame = encode({ from: next, entries: wire(this.recorder.slice(next, this.delayed)) })));
      client.enqueueRaw(frame);
      this.watchers.set(id, this.delayed);
    }
  }
}

/** One `spectate_entries` frame, encoded once for every watcher at the same position. */
function encode(message: SpectateEntriesMessage): Uint8Array {
  return getMessageBytes.raw(Protocol.ROOM_DATA, Msg.SpectateEntries, message);
}

/** The recorder's entries as the message schema types them (the same arrays; they are never changed). */
const wire = (entries: ReplayEntry[]) => entries as SpectateEntriesMessage["entries"];
