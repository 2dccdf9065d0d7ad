/**
 * Chat in a tick log (docs/replays.md, "Events and chat"): every line a room posts, players'
 * and system lines (joins, "alice eliminated bob", rounds) alike, is a `@chat` note where it
 * happened, so a viewer shows the chat as it stood at any moment. A note changes nothing when
 * re-simulated, so logs without them (older ones) still play; a viewer just shows no chat.
 */
import type { ChatLine } from "../chat.ts";
import { Note, type ReplayEntry } from "./format.ts";

/** A chat line as a replay shows it. */
export type ReplayChatLine = Pick<ChatLine, "kind" | "name" | "text" | "at" | "channel">;

export function chatNote(line: ChatLine): ReplayEntry {
  return line.channel ? [Note.Chat, line.kind, line.name, line.text, line.at, line.channel] : [Note.Chat, line.kind, line.name, line.text, line.at];
}

/** The line a `@chat` note holds, or undefined for any other entry (or a damaged note). */
export function chatFromNote(entry: ReplayEntry): ReplayChatLine | undefined {
  if (entry[0] !== Note.Chat) return undefined;
  const [, kind, name, text, at, channel] = entry;
  if ((kind !== "player" && kind !== "system") || typeof name !== "string" || typeof text !== "string" || typeof at !== "number") return undefined;
  return { kind, name, text, at, ...(channel === "spectators" ? { channel } : {}) };
}
