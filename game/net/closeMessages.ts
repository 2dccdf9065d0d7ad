import { CloseCode } from "../../shared/protocol.ts";
import { banSentence } from "./joinErrors.ts";

/** What the server's named close codes mean to a player, when the server gave no reason. */
const CLOSE_MESSAGES: Partial<Record<number, string>> = {
  [CloseCode.ServerRestarting]: "The server is restarting. Rejoin in a moment.",
  [CloseCode.RoomCrashed]: "The room hit an error and closed. Press Quick play to start a new game.",
  [CloseCode.RateLimited]: "Disconnected: your game sent too many messages. Reload the page to play again.",
  [CloseCode.MessageTooBig]: "Disconnected: your game sent a message that was too large. Reload the page to play again.",
  [CloseCode.TooManyInvalidMessages]: "Disconnected: your game sent too many invalid messages. Reload the page to play again.",
};

/** Codes the server closes with for its own reasons: the player did nothing wrong. */
const SERVER_SIDE: ReadonlySet<number> = new Set([CloseCode.ServerRestarting, CloseCode.RoomCrashed]);

/**
 * What the menu shows when a room connection ends: the server's reason when it gave one,
 * else what the close code means.
 * @example endMessage(CloseCode.ServerRestarting, "the server is restarting; rejoin in a moment")
 */
export function endMessage(code: number, reason?: string): string {
  if (code === CloseCode.Banned) return banSentence(reason ?? "");
  if (reason && SERVER_SIDE.has(code)) return `${reason[0]!.toUpperCase()}${reason.slice(1)}.`;
  if (reason) return `You left the room: ${reason}`;
  return CLOSE_MESSAGES[code] ?? `Disconnected from the room (code ${code}).`;
}
