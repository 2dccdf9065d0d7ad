/**
 * The kit's messages, in both directions, as zod schemas: every room type (and the lobby's
 * chat) speaks these besides its own. Types are derived here and re-exported by
 * shared/protocol.ts. See docs/protocol.md and docs/architecture.md, "The message registry".
 */
import { z } from "zod";
import { ChatBlock, ChatHistory, ChatLine, ChatMute, ChatSend, ChatSince } from "./chat.ts";
import { Numbered, Resume, ResumeGap } from "./kit/resume.ts";
import { Msg } from "./protocol.ts";
import { defineProtocol } from "./registry.ts";
import { SpectateEntries, SpectateStart } from "./replay/spectate.ts";

/** server → client: a latency probe; the client answers Pong with the same id at once. */
export const Ping = z.object({ id: z.int() });
export type PingMessage = z.infer<typeof Ping>;

/** client → server: the answer to Ping. The server measures the round trip itself. */
export const Pong = z.object({ id: z.int({ error: "pong must be { id: integer }" }) }, { error: "pong must be { id: integer }" });
export type PongMessage = z.infer<typeof Pong>;

/**
 * server → client, with each Ping in a ticking room: what the server measures of this client's
 * link, for the debug overlay: its last round trip (Ping to Pong) and how long its intents
 * waited in the input buffer lately (arrival to the tick that applied them), in ms.
 */
export const NetReport = z.object({
  rtt: z.number().nonnegative(),
  intentDelayP50: z.number().nonnegative(),
  intentDelayMax: z.number().nonnegative(),
  /** Intents waiting in its buffer after the last tick. */
  bufferDepth: z.int().nonnegative(),
});
export type NetReportMessage = z.infer<typeof NetReport>;

const KICK = "kick must be { target: sessionId }";
/** client → server: the private room's owner removes a player (by session id). */
export const Kick = z.object({ target: z.string({ error: KICK }).max(64, KICK) }, { error: KICK });
export type KickMessage = z.infer<typeof Kick>;

/** server → client, on join and when it changes: the room's type, code and owner. */
export const RoomInfo = z.object({
  /** Room type name, e.g. "arena". */
  type: z.string(),
  mode: z.string(),
  /** The private room's code, "" for a public room. */
  code: z.string(),
  /** Session id of the private room's owner, "" for a public room. */
  ownerId: z.string(),
});
export type RoomInfoMessage = z.infer<typeof RoomInfo>;

/** server → client: a named refusal of something the client sent. */
export const Rejected = z.object({
  /** A RejectReason, or a room type's own named move error (e.g. "not_your_turn"). */
  reason: z.string(),
  detail: z.string(),
});
export type RejectedMessage = z.infer<typeof Rejected>;

/** server → client: a hit, a kill or a round boundary, for effects and the kill feed. */
export const GameEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hit"), shooter: z.string(), victim: z.string(), damage: z.number() }),
  z.object({ type: z.literal("kill"), killer: z.string(), victim: z.string() }),
  z.object({ type: z.literal("round_end"), round: z.int() }),
  z.object({ type: z.literal("round_start"), round: z.int() }),
]);
export type GameEvent = z.infer<typeof GameEvent>;

/** Every room's messages, the lobby's chat included. A room type may not reuse these names. */
export const kitProtocol = defineProtocol({
  toServer: {
    [Msg.Pong]: Pong,
    [Msg.Kick]: Kick,
    [Msg.Chat]: ChatSend,
    [Msg.ChatSince]: ChatSince,
    [Msg.ChatMute]: ChatMute,
    [Msg.Resume]: Resume,
    [Msg.ChatBlock]: ChatBlock,
  },
  toClient: {
    [Msg.Ping]: Ping,
    [Msg.NetReport]: NetReport,
    [Msg.Event]: GameEvent,
    [Msg.Rejected]: Rejected,
    [Msg.RoomInfo]: RoomInfo,
    [Msg.Chat]: ChatLine,
    [Msg.ChatHistory]: ChatHistory,
    [Msg.Numbered]: Numbered,
    [Msg.ResumeGap]: ResumeGap,
    [Msg.SpectateStart]: SpectateStart,
    [Msg.SpectateEntries]: SpectateEntries,
  },
});
export type KitToServer = typeof kitProtocol.toServer;
export type KitToClient = typeof kitProtocol.toClient;

type Union<M extends Readonly<Record<string, z.ZodType>>> = { [K in keyof M]: { type: K; payload: z.output<M[K]> } }[keyof M];
/** Every message a client may send to any room, as a discriminated union (derived from the registry). */
export type ClientMessage = Union<KitToServer>;
/** Every message the kit sends, as a discriminated union (derived from the registry). */
export type ServerMessage = Union<KitToClient>;
