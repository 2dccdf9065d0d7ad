/**
 * The tick log: one recorded match, as plain JSON. Versioned by REPLAY_FORMAT (this file's
 * layout) and by the room type's rules version (what the commands mean); a reader refuses
 * either when it differs from its own. See docs/replays.md.
 */
import { z } from "zod";

/** The layout of a log; bumped when the fields below change. */
export const REPLAY_FORMAT = 1;

export type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };

/**
 * One entry: `[kind, ...args]`. Kinds without "@" are the room type's commands to its
 * deterministic core (re-simulation applies them in order); "@" kinds are the kit's notes
 * for a viewer (seats, round boundaries) and change nothing when re-simulated.
 */
export type ReplayEntry = readonly [kind: string, ...args: Json[]];

/** Notes the kit writes; a room type may add its own "@" kinds (the arena's "@round"). */
export const Note = {
  Join: "@join",
  Leave: "@leave",
  Drop: "@drop",
  Back: "@back",
  Round: "@round",
  /** A chat line as the room posted it: `[@chat, kind, name, text, at, channel?]` (docs/replays.md, "Events and chat"). */
  Chat: "@chat",
} as const;

export const isNote = (e: ReplayEntry): boolean => e[0].startsWith("@");

export interface ReplayHeader {
  format: number;
  matchId: string;
  roomType: string;
  /** The wire protocol (shared/protocol.ts PROTOCOL_VERSION) the match was played with. */
  protocol: number;
  /** The room type's rules version: what its commands mean. */
  rulesVersion: number;
  /** The seed of the match's rng (services.seed). */
  seed: number;
  /** What the room type's rules need to build the starting world (map, timing, options). */
  setup: Json;
  /** Epoch ms. */
  startedAt: number;
}

/** A full snapshot of the simulation after `at` entries, to seek without re-simulating from the start. */
export interface Keyframe {
  at: number;
  state: Json;
}

export interface ReplayEnd {
  endedAt: number;
  durationMs: number;
  /** The recording stopped early (REPLAY_MAX_MINUTES): the log covers the match's start only. */
  truncated: boolean;
  /** What the room type reports at the end (scores, winner). */
  result: Json;
}

export interface ReplayLog {
  header: ReplayHeader;
  entries: ReplayEntry[];
  keyframes: Keyframe[];
  /** `[at, hash]`: the world's checksum after `at` entries (shared/replay/checksum.ts). */
  checksums: Array<readonly [number, number]>;
  end: ReplayEnd;
}

const json: z.ZodType<Json> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]));
const count = z.int().min(0);

/** The shape of a log as read back from disk or the network; anything else is a damaged log. */
export const ReplayLogSchema = z.object({
  header: z.object({
    format: z.int(),
    matchId: z.string().min(1).max(64),
    roomType: z.string().min(1).max(64),
    protocol: z.int(),
    rulesVersion: z.int(),
    seed: z.int(),
    setup: json,
    startedAt: z.number(),
  }),
  entries: z.array(z.tuple([z.string()], json)),
  keyframes: z.array(z.object({ at: count, state: json })),
  checksums: z.array(z.tuple([count, z.int()])),
  end: z.object({ endedAt: z.number(), durationMs: z.number().min(0), truncated: z.boolean(), result: json }),
});
