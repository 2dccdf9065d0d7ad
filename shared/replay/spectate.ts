/**
 * What a delayed spectator receives instead of the room's live state (docs/replays.md,
 * "Live spectating"): the room's tick log, held back SPECTATOR_DELAY_SECONDS, which the
 * client re-simulates with the replay viewer's rules. A start (the header, the keyframe
 * nearest the delayed point and the entries after it), then the entries as they age.
 */
import { z } from "zod";
import { ReplayLogSchema } from "./format.ts";

const count = z.int().min(0);
const entries = ReplayLogSchema.shape.entries;

/** server → client `spectate_start`. */
export const SpectateStart = z.object({
  header: ReplayLogSchema.shape.header,
  /** The keyframe the client starts from (absent: the log's start). */
  keyframe: z.object({ at: count, state: ReplayLogSchema.shape.keyframes.element.shape.state }).optional(),
  /** The seat notes (`@join`) before the keyframe, so the client knows every name. */
  seats: entries,
  /** Log position of `entries[0]` (the keyframe's, or 0). */
  from: count,
  entries,
  /** The delay the server holds the log back by, in seconds. */
  delaySeconds: z.number().min(0),
});
export type SpectateStartMessage = z.infer<typeof SpectateStart>;

/** server → client `spectate_entries`: log entries `from` onward, in order, with no gap. */
export const SpectateEntries = z.object({ from: count, entries });
export type SpectateEntriesMessage = z.infer<typeof SpectateEntries>;
