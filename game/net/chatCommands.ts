/**
 * What a line typed into the chat box means: a message, or a slash command.
 * Pure, so it is tested without a browser.
 */
export type ChatInput =
  | { kind: "say"; text: string }
  /** Hide a player's lines on this screen only. */
  | { kind: "mute"; name: string }
  | { kind: "unmute"; name: string }
  /** Signed in: hide a signed-in player's chat in every room, kept on the account (the server filters it). */
  | { kind: "block"; name: string; on: boolean }
  /** Room owner: mute a player for everyone (minutes 0 lifts it). */
  | { kind: "muteAll"; name: string; minutes: number }
  | { kind: "help" }
  | { kind: "error"; message: string };

/** Minutes a `/muteall` lasts when none are given. */
export const DEFAULT_MUTE_MINUTES = 10;

export const CHAT_HELP =
  "/mute NAME hides a player's lines for you; /unmute NAME shows them again. " +
  "/block NAME hides them in every room, kept on your account; /unblock NAME lifts it. " +
  "Room owner: /muteall NAME [minutes] mutes for everyone, /unmuteall NAME lifts it.";

/**
 * @example parseChatInput("/mute bob") // { kind: "mute", name: "bob" }
 * @example parseChatInput("//shrug")   // { kind: "say", text: "/shrug" } (a doubled slash sends one)
 */
export function parseChatInput(raw: string): ChatInput {
  const input = raw.trim();
  if (!input.startsWith("/")) return { kind: "say", text: raw };
  if (input.startsWith("//")) return { kind: "say", text: input.slice(1) };
  const [command = "", ...rest] = input.slice(1).split(/\s+/);
  switch (command.toLowerCase()) {
    case "help":
      return { kind: "help" };
    case "mute":
    case "unmute": {
      const name = rest.join(" ");
      if (!name) return { kind: "error", message: `usage: /${command} NAME` };
      return command.toLowerCase() === "mute" ? { kind: "mute", name } : { kind: "unmute", name };
    }
    case "block":
    case "unblock": {
      const name = rest.join(" ");
      if (!name) return { kind: "error", message: `usage: /${command.toLowerCase()} NAME` };
      return { kind: "block", name, on: command.toLowerCase() === "block" };
    }
    case "muteall":
    case "unmuteall": {
      const unmute = command.toLowerCase() === "unmuteall";
      // A trailing number is the duration; names may hold spaces, so the rest is the name.
      const last = rest.at(-1) ?? "";
      const hasMinutes = !unmute && rest.length > 1 && /^\d+$/.test(last);
      const name = (hasMinutes ? rest.slice(0, -1) : rest).join(" ");
      if (!name) return { kind: "error", message: unmute ? "usage: /unmuteall NAME" : "usage: /muteall NAME [minutes]" };
      return { kind: "muteAll", name, minutes: unmute ? 0 : hasMinutes ? Number(last) : DEFAULT_MUTE_MINUTES };
    }
    default:
      return { kind: "error", message: `unknown command /${command}; try /help` };
  }
}
