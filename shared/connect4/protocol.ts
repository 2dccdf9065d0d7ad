/**
 * Connect Four's part of the wire protocol: its room name, creation options, messages and
 * named move errors. The kit's own messages (ping/pong, rejected) are in shared/protocol.ts.
 * See docs/protocol.md, "Connect Four".
 */
import { z } from "zod";
import { defineProtocol, Empty } from "../registry.ts";

/** The matchmaker's room name. */
export const CONNECT4_ROOM = "connect4";

/** Message type names. Each is listed with its direction. */
export const Connect4Msg = {
  /** client → server: drop a disc in a column, `{ column }`. Players only, on their turn. */
  Drop: "drop",
  /** client → server: offer (or accept) a rematch once the game is over. No payload. */
  Rematch: "rematch",
  /**
   * client → server: ask for the server clock (no payload); anyone, spectators too.
   * server → client: the answer, `{ now }`, so the client can show the turn deadline.
   */
  Clock: "clock",
} as const;
export type Connect4Msg = (typeof Connect4Msg)[keyof typeof Connect4Msg];

/**
 * Why a move was refused, sent as `rejected { reason, detail }` to the mover alone.
 * A spectator's move is refused by the kit with reason "spectator" before it gets here.
 */
export const Connect4Error = {
  /** It is the other player's turn. */
  NotYourTurn: "not_your_turn",
  /** The column has no free cell. */
  ColumnFull: "column_full",
  /** The column is not one of 0–6. */
  ColumnOffBoard: "column_off_board",
  /** The game has ended; offer a rematch instead. */
  GameOver: "game_over",
  /** The game has not started: the second player has not arrived. */
  NotStarted: "not_started",
  /** A rematch was offered while no game is over or no opponent is seated. */
  NoRematch: "no_rematch",
  /** The move names an earlier turn (it was played already, or the turn has passed): not played again. */
  StaleMove: "stale_move",
} as const;
export type Connect4Error = (typeof Connect4Error)[keyof typeof Connect4Error];

/** Turn timer bounds in seconds: long enough to think, short enough that an absent player cannot stall a game. */
export const TURN_SECONDS = { min: 5, max: 120, default: 30 } as const;

const DROP = "drop must be { column: integer, game?: integer, turn?: integer }";
/**
 * `{ column, game?, turn? }`. The range is a rule (column_off_board), not a format error.
 * `game` and `turn` (the room's game number and the discs on the board when the player moved)
 * make a move idempotent: one sent again after a reconnect is refused as stale_move once it
 * has been played, never played twice.
 */
export const Drop = z.object(
  { column: z.int({ error: DROP }), game: z.int({ error: DROP }).min(0, DROP).optional(), turn: z.int({ error: DROP }).min(0, DROP).optional() },
  { error: DROP },
);
export type DropMessage = z.infer<typeof Drop>;

/** server → client `clock`: the server's room clock in ms, the same clock as the state's `turnDeadline`. */
export const Clock = z.object({ now: z.number() });
export type ClockMessage = z.infer<typeof Clock>;

/** Connect Four's messages, besides the kit's (shared/messages.ts). */
export const connect4Protocol = defineProtocol({
  toServer: {
    [Connect4Msg.Drop]: Drop,
    [Connect4Msg.Rematch]: Empty,
    [Connect4Msg.Clock]: Empty,
  },
  toClient: {
    [Connect4Msg.Clock]: Clock,
  },
});

const TURN = `turnSeconds must be a whole number from ${TURN_SECONDS.min} to ${TURN_SECONDS.max}`;
/** Connect Four's own creation options, besides the kit's (shared/kit/options.ts). */
export const connect4OptionFields = {
  /** Seconds per turn before a random move is played; TURN_SECONDS.default when absent. */
  turnSeconds: z.int({ error: TURN }).min(TURN_SECONDS.min, TURN).max(TURN_SECONDS.max, TURN).optional(),
};
export type Connect4CreateOptions = z.input<z.ZodObject<typeof connect4OptionFields>>;

/** What a Connect Four room adds to its lobby listing. */
export const Connect4Listing = z.object({ turnSeconds: z.int() });
export type Connect4Listing = z.infer<typeof Connect4Listing>;
