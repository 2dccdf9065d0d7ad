/**
 * One room's recording: the tick log as the match is played (shared/replay/ReplayRecorder),
 * the kit's seat notes, a time cap, and the hand-over to the store when the room closes.
 * KitRoom owns one per room of a replayable type while REPLAYS is on.
 */
import { Note, REPLAY_FORMAT, type Json, type ReplayEntry, type ReplayLog } from "../../../shared/replay/format.ts";
import { ReplayRecorder } from "../../../shared/replay/ReplayRecorder.ts";
import { PROTOCOL_VERSION } from "../../../shared/protocol.ts";
import type { Seat } from "../../../shared/kit/seats.ts";
import { log } from "../../log.ts";
import { replayMetrics } from "./replayMetrics.ts";
import type { ReplayStore } from "./ReplayStore.ts";
import type { RoomReplay } from "../RoomType.ts";

export interface RecordingSettings {
  /** Where finished logs go; absent (REPLAYS=0), the log only feeds live spectators and is dropped at the end. */
  store?: ReplayStore;
  /** REPLAY_MAX_MINUTES: the log stops (marked truncated) after this long. */
  maxMinutes: number;
}

export class MatchRecording<G, O> {
  readonly recorder: ReplayRecorder<unknown>;
  /** Seated players' names, in order of arrival (bots are the game's, not seats). */
  private readonly players: string[] = [];

  constructor(
    private readonly replay: RoomReplay<G, O>,
    private readonly game: G,
    ids: { matchId: string; roomType: string; seed: number; options: O },
    private readonly store: ReplayStore | undefined,
  ) {
    const header = {
      format: REPLAY_FORMAT,
      matchId: ids.matchId,
      roomType: ids.roomType,
      protocol: PROTOCOL_VERSION,
      rulesVersion: replay.rules.rulesVersion,
      seed: ids.seed,
      setup: replay.setup(ids.options),
      startedAt: Date.now(),
    };
    if (replay.rules.roomType !== ids.roomType) throw new Error(`room type "${ids.roomType}" declares the replay rules of "${replay.rules.roomType}"`);
    this.recorder = new ReplayRecorder(header, replay.rules, () => replay.sim(game));
  }

  /** Saves in order (a round's log so far, then the final one): one file write at a time. */
  private saving: Promise<void> = Promise.resolve();

  /**
   * services.record: the core's commands. A round's end (the "@round" note "round_end", which the
   * arena writes) also stores the log so far, so /replay/<roomId> serves it while the room runs;
   * the snapshot is taken and written after the tick (setImmediate), never on it.
   */
  readonly record = (entry: ReplayEntry): void => {
    this.recorder.append(entry);
    if (entry[0] === Note.Round && entry[1] === "round_end" && this.store && this.players.length > 0) {
      setImmediate(() => this.enqueue(() => this.recorder.snapshot(Date.now(), this.resultNow())));
    }
  };

  /** The kit's seat notes: who sat down (and as what), left, dropped and came back. */
  seat(kind: "join" | "leave" | "drop" | "back", seat: Seat): void {
    if (kind === "join") {
      this.recorder.append([Note.Join, seat.id, seat.name, seat.role]);
      if (seat.role === "player" && !this.players.includes(seat.name)) this.players.push(seat.name);
    } else this.recorder.append([{ leave: Note.Leave, drop: Note.Drop, back: Note.Back }[kind], seat.id]);
  }

  /** The time cap was reached: the log ends here. */
  stop(): void {
    this.recorder.stop();
  }

  /**
   * Close the log and store it, off the tick path (the room is closing). A room nobody
   * played in is not kept. Failures are logged and counted, never thrown into the room.
   */
  async finish(roomId: string): Promise<void> {
    if (this.players.length === 0 || !this.store) return;
    await this.enqueue(() => this.recorder.finish(Date.now(), this.resultNow()), roomId);
  }

  private resultNow(): Json {
    try {
      return this.replay.result?.(this.game) ?? null;
    } catch (e) {
      log.warn("replay result failed", { match: this.recorder.header.matchId, error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  /** Take the log when the previous save is done (so the last one written is the latest), then store it. */
  private enqueue(take: () => ReplayLog, roomId = this.recorder.header.matchId): Promise<void> {
    this.saving = this.saving.then(() => this.save(take(), roomId));
    return this.saving;
  }

  private async save(replayLog: ReplayLog, roomId: string): Promise<void> {
    try {
      const meta = await this.store!.save(replayLog, this.players);
      replayMetrics.saved.inc({ type: replayLog.header.roomType });
      log.info("replay saved", { room: roomId, bytes: meta.bytes, entries: replayLog.entries.length });
    } catch (e) {
      replayMetrics.failed.inc({ type: replayLog.header.roomType });
      log.warn("replay not saved", { room: roomId, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
