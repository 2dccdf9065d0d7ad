/**
 * Chat: what a line is on the wire, and the rules for its text. Shared so the client can
 * pre-check a message with exactly the function the server applies. The schemas are the
 * chat part of the kit's protocol (shared/messages.ts). See docs/protocol.md.
 */
import { z } from "zod";
import { RejectReason } from "./protocol.ts";

/** Longest message, in characters (Unicode code points, so an emoji counts as one). */
export const CHAT_MAX_LENGTH = 280;
/** Lines each room keeps and hands to a joiner. */
export const CHAT_HISTORY_SIZE = 50;
/** Longest mute the owner of a room may give, in minutes (a day). */
export const CHAT_MAX_MUTE_MINUTES = 24 * 60;

/** Why a chat payload was refused before it reached anyone: a reason for `rejected` and a detail. */
export type ChatRefusal = { ok: false; reason: RejectReason; error: string };
export type ChatParse<T> = { ok: true; value: T } | ChatRefusal;

/** A run of tabs, newlines and friends becomes one space: a pasted two-line message stays readable as one line. */
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/**
 * Removed outright: C0 and C1 controls and DEL (terminal escapes, NUL); every format
 * character (Cf: zero-width spaces and joiners, U+2060, U+FEFF, the Arabic letter mark, the
 * bidirectional overrides and isolates, tag characters), which can hide text or make a line
 * read as if someone else wrote it; and the blank "filler" letters that render as nothing
 * (Hangul fillers, the blank Braille pattern). Emoji joined by U+200D show as separate emoji.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;
/** Combining marks kept on one character: enough for any script's accents, not for "Zalgo" towers. */
export const MAX_COMBINING_MARKS = 4;
const MARK_RUN = new RegExp(`(\\p{M}{${MAX_COMBINING_MARKS}})\\p{M}+`, "gu");

/** The text as it will be shown: controls and invisibles stripped, mark runs capped, whitespace controls as spaces, trimmed. */
export function cleanChatText(raw: string): string {
  return raw.replace(WHITESPACE_CONTROLS, " ").replace(INVISIBLE, "").replace(MARK_RUN, "$1").trim();
}

/** Length in code points, the unit CHAT_MAX_LENGTH is counted in. */
export function chatLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Clean a message's text and check its length. The client calls this before sending and
 * the server again on receipt.
 * @example checkChatText("  hi\u0007 ") // { ok: true, value: "hi" }
 */
export function checkChatText(raw: string): ChatParse<string> {
  // Bound the work before cleaning: even all-surrogate-pair text this long is over the limit.
  if (raw.length > CHAT_MAX_LENGTH * 8) return tooLong();
  const text = cleanChatText(raw);
  if (text.length === 0) return { ok: false, reason: RejectReason.ChatEmpty, error: "the message is empty" };
  if (chatLength(text) > CHAT_MAX_LENGTH) return tooLong();
  return { ok: true, value: text };
}

const tooLong = (): ChatRefusal => ({ ok: false, reason: RejectReason.ChatTooLong, error: `a message may be at most ${CHAT_MAX_LENGTH} characters` });
/** One line of chat as every client receives it. Every field is set by the server. */
export const ChatLine = z.object({
  /** Increases by one per line within a room (system lines included), so clients de-duplicate and spot gaps. */
  id: z.int().min(1),
  /** The sender's session id; "" for a system line. */
  from: z.string(),
  /** The sender's seat name at the time (never taken from the message); "" for a system line. */
  name: z.string(),
  text: z.string(),
  /** Server wall-clock time, ms since the Unix epoch. */
  at: z.number(),
  kind: z.enum(["player", "system"]),
  /** "spectators": a spectator's line, sent to spectators only (SPECTATOR_CHAT=separate); absent: the room's chat. */
  channel: z.literal("spectators").optional(),
});
export type ChatLine = z.infer<typeof ChatLine>;

/** server → client `chat_history`: kept lines in id order. */
export const ChatHistory = z.array(ChatLine).max(CHAT_HISTORY_SIZE);

/**
 * client → server `chat` `{ text }`; the handler receives the cleaned text. Any other field
 * (a `name`, an `id`) is ignored. Empty or over-long text is refused with its own reason.
 */
export const ChatSend = z
  .object({ text: z.string({ error: "chat must be { text: string }" }) }, { error: "chat must be { text: string }" })
  .transform((m, ctx) => {
    const text = checkChatText(m.text);
    if (text.ok) return text.value;
    ctx.addIssue({ code: "custom", message: text.error, params: { reason: text.reason } });
    return z.NEVER;
  });

/** client → server `chat_since`: the lines after `after` (0 for all kept), answered with `chat_history`. */
const SINCE = "chat_since must be { after: integer >= 0 }";
export const ChatSince = z.object({ after: z.int({ error: SINCE }).min(0, SINCE) }, { error: SINCE });

const MUTE_TARGET = "chat_mute must be { target: session id, minutes: integer }";
const MUTE_MINUTES = `chat_mute minutes must be an integer from 0 to ${CHAT_MAX_MUTE_MINUTES}`;

const BLOCK = "chat_block must be { target: session id, on: boolean }";
/**
 * client → server `chat_block`: a signed-in player blocks (or unblocks) the signed-in player
 * seated as `target` (a session id): kept on their account, their chat hidden from the sender
 * in every room (the server filters it). Refusals arrive as Rejected.
 */
export const ChatBlock = z.object(
  {
    target: z.string({ error: BLOCK }).min(1, BLOCK).max(64, BLOCK),
    on: z.boolean({ error: BLOCK }),
  },
  { error: BLOCK },
);

/** client → server `chat_mute`: the room owner silences `target` (a session id) for everyone; 0 minutes lifts it. */
export const ChatMute = z.object(
  {
    target: z.string({ error: MUTE_TARGET }).min(1, MUTE_TARGET).max(64, MUTE_TARGET),
    minutes: z.int({ error: MUTE_MINUTES }).min(0, MUTE_MINUTES).max(CHAT_MAX_MUTE_MINUTES, MUTE_MINUTES),
  },
  { error: MUTE_TARGET },
);
