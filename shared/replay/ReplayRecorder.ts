/**
 * Records one match into memory as it is played: the room type's commands and the kit's
 * notes, a checksum every `checksumEvery` commands and a keyframe every `keyframeEvery`.
 * Appending is a push and, now and then, a hash or a snapshot: nothing waits on I/O, so it
 * runs on the tick path. Compression and storage happen once, at the match's end, elsewhere.
 */
import type { Json, Keyframe, ReplayEntry, ReplayHeader, ReplayLog } from "./format.ts";
import { isNote, Note } from "./format.ts";
import type { ReplayRules } from "./rules.ts";

/** Entries one log may hold, whatever its length in time: a backstop on memory (a 16-player hour is ~110k). */
export const MAX_REPLAY_ENTRIES = 1_000_000;

export class ReplayRecorder<Sim> {
  private readonly entries: ReplayEntry[] = [];
  private readonly keyframes: Keyframe[] = [];
  private readonly checksums: Array<readonly [number, number]> = [];
  private commands = 0;
  private stopped = false;
  private truncated = false;

  constructor(
    readonly header: ReplayHeader,
    private readonly rules: ReplayRules<Sim>,
    /** The live core; read only at checksum and keyframe points. */
    private readonly sim: () => Sim,
    private readonly maxEntries = MAX_REPLAY_ENTRIES,
  ) {
    this.checksums.push([0, rules.checksum(sim())]);
  }

  get length(): number {
    return this.entries.length;
  }

  /** Entries `from` to `to` (exclusive), for a live spectator's stream (a copy of the slice, not of the entries). */
  slice(from: number, to: number): ReplayEntry[] {
    return this.entries.slice(from, to);
  }

  /** The last keyframe at or before entry `at`, where a spectator joining at `at` starts. */
  keyframeBefore(at: number): Keyframe | undefined {
    for (let i = this.keyframes.length - 1; i >= 0; i--) if (this.keyframes[i]!.at <= at) return this.keyframes[i];
    return undefined;
  }

  /** The `@join` notes before entry `at`: every name a spectator starting there may meet. */
  joinsBefore(at: number): ReplayEntry[] {
    const out: ReplayEntry[] = [];
    for (let i = 0; i < at && i < this.entries.length; i++) if (this.entries[i]![0] === Note.Join) out.push(this.entries[i]!);
    return out;
  }

  /** Record one entry, applied to the live core just now. */
  append(entry: ReplayEntry): void {
    if (this.stopped) return;
    if (this.entries.length >= this.maxEntries) return this.stop();
    this.entries.push(entry);
    if (isNote(entry)) return;
    this.commands++;
    const at = this.entries.length;
    if (this.commands % this.rules.checksumEvery === 0) this.checksums.push([at, this.rules.checksum(this.sim())]);
    if (this.commands % this.rules.keyframeEvery === 0) this.keyframes.push({ at, state: this.rules.snapshot(this.sim()) });
  }

  /** Stop recording (the length cap): the log ends here, marked truncated. */
  stop(): void {
    if (this.stopped) return;
    this.closeWithChecksum();
    this.stopped = true;
    this.truncated = true;
  }

  /** The whole log. A last checksum covers the final world, so a re-simulation checks the end too. */
  finish(endedAt: number, result: Json): ReplayLog {
    if (!this.stopped) this.closeWithChecksum();
    this.stopped = true;
    const durationMs = Math.max(0, endedAt - this.header.startedAt);
    return {
      header: this.header,
      entries: this.entries,
      keyframes: this.keyframes,
      checksums: this.checksums,
      end: { endedAt, durationMs, truncated: this.truncated, result },
    };
  }

  /**
   * The log so far, recording going on (a round ended: its replay can be watched while the room
   * runs). Copies of the arrays, so a later append never reaches a log being written, and a
   * checksum of the world now at its end, kept out of the recording's own list.
   */
  snapshot(endedAt: number, result: Json): ReplayLog {
    const at = this.entries.length;
    const checksums = this.checksums.slice();
    if (checksums[checksums.length - 1]?.[0] !== at) checksums.push([at, this.rules.checksum(this.sim())]);
    const durationMs = Math.max(0, endedAt - this.header.startedAt);
    return { header: this.header, entries: this.entries.slice(), keyframes: this.keyframes.slice(), checksums, end: { endedAt, durationMs, truncated: this.truncated, result } };
  }

  private closeWithChecksum(): void {
    const at = this.entries.length;
    if (this.checksums[this.checksums.length - 1]?.[0] !== at) this.checksums.push([at, this.rules.checksum(this.sim())]);
  }
}
