/**
 * What a room type gives the replay machinery: how to build its deterministic core from a
 * log's header, apply one recorded command, snapshot and restore it, and hash it. The same
 * object drives the server's recorder (keyframes, checksums), the determinism test and the
 * viewer. See docs/replays.md, "Making a room type replayable".
 */
import type { Json, ReplayEntry, ReplayHeader } from "./format.ts";

/** Where a game's core writes each command as it applies it (services.record on the server). */
export type CommandSink = (entry: ReplayEntry) => void;

/** Discards commands: the core's default when nothing records it. */
export const NO_RECORDING: CommandSink = () => {};

export interface ReplayRules<Sim> {
  roomType: string;
  /** Bump when a rules change makes old logs play out differently: such logs are then refused. */
  rulesVersion: number;
  /** Commands (notes not counted) between checksums, and between keyframes. */
  checksumEvery: number;
  keyframeEvery: number;
  /** The starting world, exactly as the room built it. */
  create(header: ReplayHeader): Sim;
  /** Apply one command (never a note); a malformed one throws ReplayError(BadEntry). */
  apply(sim: Sim, entry: ReplayEntry): void;
  /** A deep, JSON-safe copy of everything the next commands depend on (rng position included). */
  snapshot(sim: Sim): Json;
  restore(header: ReplayHeader, state: Json): Sim;
  /** shared/replay/checksum.ts over the same fields as `snapshot`. */
  checksum(sim: Sim): number;
}

export const ReplayErrorCode = {
  /** The log's layout (REPLAY_FORMAT) is not this build's. */
  Format: "replay_format",
  /** The log was recorded under other rules than this build plays. */
  RulesVersion: "replay_rules_version",
  UnknownRoomType: "replay_unknown_room_type",
  /** A command the rules cannot read. */
  BadEntry: "replay_bad_entry",
  /** The stored file is truncated, not gzip, or not a log. */
  Corrupt: "replay_corrupt",
  /** A position before the start or past the end of the log. */
  OutOfRange: "replay_out_of_range",
} as const;
export type ReplayErrorCode = (typeof ReplayErrorCode)[keyof typeof ReplayErrorCode];

export class ReplayError extends Error {
  override name = "ReplayError";
  constructor(
    readonly code: ReplayErrorCode,
    message: string,
  ) {
    super(message);
  }
}
