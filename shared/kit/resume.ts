/**
 * Lossless resume's messages (docs/netcode.md, "Lossless resume"). A client that joins with
 * `resume: true` gets every reliable message wrapped in a numbered envelope; after a reconnect
 * it says which number it handled last, and the server replays the rest from its ring, or,
 * when the ring no longer reaches back that far, says so and resends the state instead.
 */
import { z } from "zod";

/** The largest sequence number a client may name: far beyond any room's lifetime, small enough for msgpack's ints. */
export const MAX_SEQ = 2 ** 31 - 1;

/** server → client: one reliable message, numbered per client from 1 with no gaps. */
export const Numbered = z.object({
  /** This message's number for this client. */
  n: z.int().min(1).max(MAX_SEQ),
  /** The message type it carries (a `toClient` name of the kit's or the room type's protocol). */
  t: z.string().max(64),
  /** Its payload, checked against that type's schema when it is handled. */
  p: z.unknown(),
});
export type NumberedMessage = z.infer<typeof Numbered>;

const RESUME = "resume must be { last: integer >= 0 }";
/** client → server, right after a reconnect: the number of the last message handled (0: none). */
export const Resume = z.object({ last: z.int({ error: RESUME }).min(0, RESUME).max(MAX_SEQ, RESUME) }, { error: RESUME });
export type ResumeMessage = z.infer<typeof Resume>;

/**
 * server → client: the messages after `last` are no longer all kept (the ring keeps from
 * `oldest`), so they are not replayed; the room info and chat history follow afresh, the state
 * was resent by the reconnect, and numbering goes on from `next`.
 */
export const ResumeGap = z.object({ last: z.int().min(0), oldest: z.int().min(0), next: z.int().min(1) });
export type ResumeGapMessage = z.infer<typeof ResumeGap>;
