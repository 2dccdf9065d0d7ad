/**
 * Connect Four's part of the wire protocol: its room name, creation options, messages and
 * named move errors. The kit's own messages (ping/pong, rejected) are in shared/protocol.ts.
 * See docs/protocol.md, "Connect Four".
 */
import type { Result } from "../validate.ts";

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
} as const;
export type Connect4Error = (typeof Connect4Error)[keyof typeof Connect4Error];

export interface DropMessage {
  /** 0 (left) to 6 (right). Any other integer is refused with column_off_board. */
  column: number;
}

export interface ClockMessage {
  /** The server's room clock in ms, the same clock as the state's `turnDeadline`. */
  now: number;
}

/** What the creator of a room may ask for (besides the kit's name and protocol). */
export interface Connect4CreateOptions {
  /** Seconds per turn before a random move is played; clamped to TURN_SECONDS. */
  turnSeconds?: number;
}

/** Turn timer bounds in seconds: long enough to think, short enough that an absent player cannot stall a game. */
export const TURN_SECONDS = { min: 5, max: 120, default: 30 } as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `{ column: integer }`. The range is a rule (column_off_board), not a format error. */
export function parseDrop(raw: unknown): Result<DropMessage> {
  if (!isObject(raw) || typeof raw.column !== "number" || !Number.isInteger(raw.column)) {
    return { ok: false, error: "drop must be { column: integer }" };
  }
  return { ok: true, value: { column: raw.column } };
}

/** Messages that carry nothing: accept no payload or an empty object, refuse anything else. */
export function parseNothing(raw: unknown): Result<undefined> {
  if (raw === undefined || raw === null || (isObject(raw) && Object.keys(raw).length === 0)) return { ok: true, value: undefined };
  return { ok: false, error: "this message takes no payload" };
}

/** The turn length for a creation option: whole seconds, clamped; anything not a number gets the default. */
export function turnSecondsFrom(raw: unknown): number {
  if (typeof raw !== "number" || !Number.isFinite(raw)) return TURN_SECONDS.default;
  return Math.min(Math.max(Math.round(raw), TURN_SECONDS.min), TURN_SECONDS.max);
}
