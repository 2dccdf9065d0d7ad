/**
 * The wire protocol between a Skirmish client and server. See docs/protocol.md.
 * Bump PROTOCOL_VERSION on any incompatible change; clients send it as a join option.
 */
// The payload types, derived from the registry's schemas (shared/messages.ts), re-exported here
// so the names and the constants are found in one place. Type-only: no import cycle at run time.
export type { ClientMessage, GameEvent, KickMessage, NetReportMessage, PingMessage, PongMessage, RejectedMessage, RoomInfoMessage, ServerMessage } from "./messages.ts";
export type { JoinOptions } from "./kit/options.ts";

export const PROTOCOL_VERSION = 1;

/** Room names registered with the matchmaker. */
export const RoomName = {
  Arena: "arena",
  /** Colyseus LobbyRoom: the live list of public rooms. */
  Lobby: "lobby",
} as const;
export type RoomName = (typeof RoomName)[keyof typeof RoomName];

/**
 * Message type names, in both directions. Intents do not appear here: they travel on
 * Colyseus's input channel (`defineInput`, see shared/arena/input.ts), not as messages.
 */
export const Msg = {
  /** server → client: a latency probe; the client answers Pong with the same id at once. */
  Ping: "ping",
  /** client → server: the answer to Ping. The server measures the round trip itself. */
  Pong: "pong",
  /** server → client: a hit or a kill, for effects and the kill feed. */
  Event: "event",
  /** server → client: a named refusal of something the client sent. */
  Rejected: "rejected",
  /** server → client, on join and when it changes: the room's type, code and owner. */
  RoomInfo: "room_info",
  /** client → server: the private room's owner removes a player. */
  Kick: "kick",
  /** client → server `{ text }`; server → client a ChatLine (shared/chat.ts), to everyone in the room. */
  Chat: "chat",
  /** server → client, to a delayed spectator: the tick log from a keyframe up to SPECTATOR_DELAY_SECONDS ago. */
  SpectateStart: "spectate_start",
  /** server → client, to a delayed spectator: the next entries as they age past the delay. */
  SpectateEntries: "spectate_entries",
  /** server → client: ChatLine[] in id order; sent on join and in answer to ChatSince. */
  ChatHistory: "chat_history",
  /** client → server `{ after }`: send me the kept lines with a greater id (after a reconnect). */
  ChatSince: "chat_since",
  /** client → server `{ target, minutes }`: the room owner mutes a player for everyone. */
  ChatMute: "chat_mute",
  /** server → client, with each Ping in a ticking room: the server's view of this client's link (NetReport). */
  NetReport: "net_report",
  /** server → client `{ n, t, p }`: a numbered reliable message (a client that joined with `resume: true`). */
  Numbered: "n",
  /** client → server `{ last }`: after a reconnect, the last numbered message handled; the server replays the rest. */
  Resume: "resume",
  /** server → client `{ last, oldest, next }`: the missed messages are older than the ring; the state is resent instead. */
  ResumeGap: "resume_gap",
  /** client → server `{ target, on }`: a signed-in player blocks another's chat, kept on their account. */
  ChatBlock: "chat_block",
} as const;
export type Msg = (typeof Msg)[keyof typeof Msg];

/** Why a message was refused. Sent in Rejected and counted in metrics. */
export const RejectReason = {
  /** The payload did not match the message's schema. */
  Malformed: "malformed",
  /** The message type is not one the room handles. */
  UnknownType: "unknown_type",
  /** An intent with an out-of-range field (dropped; the player stands still that tick). */
  BadIntent: "bad_intent",
  /** A spectator sent something only players may send. */
  Spectator: "spectator",
  /** A chat message with nothing left after trimming and stripping control characters. */
  ChatEmpty: "chat_empty",
  /** A chat message over CHAT_MAX_LENGTH characters. */
  ChatTooLong: "chat_too_long",
  /** Faster than the host's chat rate: this message was dropped; not counted as invalid. */
  ChatRateLimited: "chat_rate_limited",
  /** The sender is muted (for flooding, or by the room owner); the detail says for how long. */
  ChatMuted: "chat_muted",
  /** Only the private room's owner may do that (remove or mute a player for everyone). */
  NotOwner: "not_owner",
  /** The session id names no one in this room. */
  UnknownPlayer: "unknown_player",
  /** A block the server would not keep: not signed in, an anonymous target, yourself, or over the cap; the detail says which. */
  BlockRefused: "block_refused",
  /** A WebSocket frame that is not a Colyseus frame, or that could not be decoded at all. */
  BadFrame: "bad_frame",
  /** A lobby `filter` faster than LOBBY_FILTER pacing allows, or unchanged: not answered. */
  FilterRateLimited: "filter_rate_limited",
} as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

/**
 * WebSocket close codes the server uses (4000–4999 is the application range).
 * 4002 is Colyseus's own code for a message that failed its validate().
 */
export const CloseCode = {
  /** The client sent too many invalid messages. */
  TooManyInvalidMessages: 4400,
  /** Colyseus closed the connection because a message failed validation. */
  ValidationFailed: 4002,
  /** The private room's owner removed this player; the reason says so. */
  Kicked: 4403,
  /** The client sent more frames per second than MAX_MESSAGES_PER_SECOND allows. */
  RateLimited: 4429,
  /** The room's code threw; the room closed and no other room was affected. The reason says so. */
  RoomCrashed: 4500,
  /** The server is shutting down (a deploy or restart); rejoin in a moment. */
  ServerRestarting: 4503,
  /** The WebSocket library's own code for a frame over MAX_PAYLOAD_BYTES (RFC 6455 "message too big"). */
  MessageTooBig: 1009,
  /** A signed-in player reconnected after their sign-in was logged out: the reconnect is refused, the seat freed. */
  SignInRevoked: 4401,
  /** A host banned this player: their seat is closed, and a reconnect refused; the reason is banText. */
  Banned: 4405,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Codes a refused join carries (the SDK rejects join/joinOrCreate with a MatchMakeError
 * whose `code` is one of these, and whose message says what to fix).
 */
export const JoinError = {
  /**
   * The name, the protocol version or a room option (mode, map, seats, private) is invalid.
   * Checked by the matchmaker before any room is created or joined, so it travels as an
   * HTTP status (Node allows 100–999 only), hence 422 rather than a 4xxx code.
   */
  InvalidOptions: 422,
  /** The page's origin is not in ALLOWED_ORIGINS (matchmaking request or WebSocket upgrade). */
  OriginNotAllowed: 403,
  /** Matchmaking options over MAX_PAYLOAD_BYTES (or sent without a Content-Length). */
  PayloadTooLarge: 413,
  /** Too many matchmaking requests, or open connections, from this address. */
  RateLimited: 429,
  /** The server is draining before a restart: it places no one; try again in a moment. */
  ServerDraining: 503,
  /** This process already runs MAX_ROOMS rooms. */
  ServerFull: 507,
  /** Every seat is taken and the room does not seat spectators. */
  RoomFull: 4409,
  /** The private room's owner removed this player (or someone at their address); the message says so. */
  Kicked: 4403,
  /**
   * Colyseus's MATCHMAKE_INVALID_ROOM_ID: the room is full (locked), private to codes,
   * or gone. The client shows "that room is full or has closed".
   */
  RoomUnavailable: 522,
  // A join with an access token (client.auth.token) that is refused; checked in the matchmaker, so HTTP-range codes.
  /** Not a token this server signed: malformed, tampered with, or another server's. */
  TokenInvalid: 401,
  /** The access token expired: refresh it (POST /api/auth/refresh) and join again. */
  TokenExpired: 440,
  /** The token's sign-in was logged out (or closed after a refresh token was replayed). A reconnect gets CloseCode.SignInRevoked. */
  TokenRevoked: 441,
  /** The account the token names was deleted. */
  AccountMissing: 444,
  /** The accounts database did not answer; the join may be tried again shortly. */
  AccountsUnavailable: 502,
  /** This account already has a seat in this room (another tab); one account, one seat. */
  AlreadySeated: 4410,
  /**
   * A host banned this account or address (POST /api/admin/bans); the message is
   * shared/moderation.ts's banText, with the end and the reason. Checked in the matchmaker, so
   * an HTTP-range code (451, "unavailable for legal reasons"); a live seat or a reconnect gets
   * CloseCode.Banned.
   */
  Banned: 451,
  // 4411–4413 are the ranked queue's and the party's (shared/ranked, shared/party).
  /** Every spectator seat (SPECTATORS_PER_ROOM) is taken. */
  SpectatorsFull: 4414,
  /** A private room whose owner did not allow spectators (create option `spectators: true`). */
  NotWatchable: 4415,
} as const;
export type JoinError = (typeof JoinError)[keyof typeof JoinError];

/** Compile-time exhaustiveness check for switches over message unions. */
export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}
