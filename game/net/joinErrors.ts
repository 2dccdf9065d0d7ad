/**
 * What a player reads when joining fails: a plain sentence and the next thing to do, for
 * every way the server refuses a join. Pure, so it is tested against the real server's codes
 * (test/net/joinErrors.test.ts).
 */
import { readBanText } from "../../shared/moderation.ts";
import { CloseCode, JoinError } from "../../shared/protocol.ts";

/** Colyseus's own matchmaking codes that reach the menu (`@colyseus/shared-types` ErrorCode). */
const MATCHMAKE_UNAVAILABLE_PROCESS = 523;
const MATCHMAKE_EXPIRED = 524;

const capitalise = (s: string): string => (s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s);
const sentence = (s: string): string => (/[.!?]$/.test(s) ? capitalise(s) : `${capitalise(s)}.`);

/**
 * "You are banned until <time>: <reason>." from the server's ban text (shared/moderation.ts),
 * the time in the player's own locale and zone.
 */
export function banSentence(message: string): string {
  const ban = readBanText(message);
  if (!ban) return "You are banned from this server.";
  const until = new Date(ban.endsAt);
  const when = Number.isNaN(until.getTime()) ? ban.endsAt : until.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return `You are banned until ${when}: ${sentence(ban.reason)}`;
}

/** The menu's text for a failed join with this error code and server message. */
export function joinErrorMessage(code: unknown, message: string): string {
  switch (code) {
    case JoinError.Banned:
    case CloseCode.Banned:
      return banSentence(message);
    case JoinError.RoomUnavailable:
      return "That room is full or has closed. Press Quick play to find another.";
    case JoinError.RoomFull:
      return "That room is full. Press Quick play to find another, or try again when a seat frees up.";
    case JoinError.SpectatorsFull:
      return "Every spectator seat in that room is taken. Try again later, or watch another room.";
    case JoinError.NotWatchable:
      return "That private room's owner does not allow spectators. Ask them to join it instead.";
    case JoinError.AlreadySeated:
      return "You are already in that room in another tab. Play there, or leave it first.";
    case JoinError.TokenExpired:
    case JoinError.TokenRevoked:
    case JoinError.TokenInvalid:
    case JoinError.AccountMissing:
      return "Your sign-in is no longer valid. Reload the page to sign in again.";
    case JoinError.AccountsUnavailable:
      return "Accounts are unavailable on the server right now. Try again in a moment.";
    case JoinError.Kicked:
      return "The room's owner removed you from that room. Press Quick play to join another.";
    case JoinError.InvalidOptions:
      if (/protocol .* does not match/.test(message)) return "The game was updated since this page loaded. Reload the page to play.";
      return sentence(message || "the server refused those options");
    case JoinError.OriginNotAllowed:
      return "This page may not use that game server. Open the game from its own address.";
    case JoinError.RateLimited: {
      const wait = /try again in (\d+) s/.exec(message)?.[1];
      return `Too many attempts from your connection. Try again in ${wait ? `${wait} s` : "a few seconds"}.`;
    }
    case JoinError.ServerDraining:
      return "The server is restarting. Try again in a moment.";
    case JoinError.ServerFull:
      return "The server is full right now. Try again in a minute.";
    case MATCHMAKE_EXPIRED:
      return "Your seat was given up: you were away longer than the reconnection window. Press Quick play to start again.";
    case MATCHMAKE_UNAVAILABLE_PROCESS:
      return "The server holding that room cannot be reached. Press Quick play to find another room.";
  }
  if (/fetch|network|ECONNREFUSED|Failed to|NetworkError/i.test(message)) return "Cannot reach the game server. Check your connection, then try again.";
  return message ? sentence(message) : "Could not join. Try again.";
}

/** The menu's text for a private code the lookup could not resolve. */
export function codeLookupMessage(status: number, error: string | undefined): string {
  if (status === 404) return "No open room has that code. Check the code, or ask for a new invite.";
  if (status === 429) return "Too many code lookups from your connection. Wait a few seconds and try again.";
  return error ? sentence(error) : `The room code could not be looked up (${status}). Try again.`;
}

/** Colyseus's code for a room id that names no room (a token pointing nowhere). */
const MATCHMAKE_INVALID_ROOM_ID = 4211;

/**
 * The menu's text when going back to a held seat fails (after a reload): the saved token was
 * malformed, someone else's, or its seat or room is gone. The resume is refused (fail closed)
 * and the player starts a new game.
 */
export function resumeErrorMessage(code: unknown, message: string): string {
  switch (code) {
    case MATCHMAKE_EXPIRED:
      return "Your seat in your previous game is no longer held for you. Press Quick play to start a new game.";
    case JoinError.RoomUnavailable:
    case MATCHMAKE_INVALID_ROOM_ID:
      return "Your previous game has ended. Press Quick play to start a new game.";
  }
  if (code === undefined && /reconnection token/i.test(message)) return "Your previous game could not be resumed: its saved token is damaged. Press Quick play to start a new game.";
  if (code === 404 || code === 400) return "Your previous game could not be resumed: the server did not recognise its saved token. Press Quick play to start a new game.";
  return joinErrorMessage(code, message);
}
