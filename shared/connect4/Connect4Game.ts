/**
 * The rules of one Connect Four game, as a small state machine over plain data:
 * waiting for two players → playing (turns alternate) → over (win, draw or forfeit).
 * Pure: no clock, no randomness, no network. A refused move throws MoveError and changes nothing.
 * Every accepted change is written to `record` (start, play, forfeit): a replay of the game.
 */
import { MoveError } from "../kit/seats.ts";
import { cellIndex, Disc, emptyBoard, isColumn, isFull, landingRow, other, winningLine, type Board, type Colour } from "./board.ts";
import { Connect4Error } from "./protocol.ts";
import { NO_RECORDING, type CommandSink } from "../replay/rules.ts";

/** Connect Four's replay commands (shared/connect4/replay.ts reads them back). */
export const Connect4Command = { Start: "s", Play: "p", Forfeit: "f" } as const;

export type Status = "waiting" | "playing" | "over";
/** How the game ended: four in a row, a full board, or a player leaving mid-game. */
export type EndReason = "" | "win" | "draw" | "forfeit";

export interface Move {
  colour: Colour;
  column: number;
  row: number;
  /** The cell index the disc landed in. */
  cell: number;
}

export class Connect4Game {
  board: Board = emptyBoard();
  status: Status = "waiting";
  /** Whose move it is (meaningful while playing). */
  turn: Colour = Disc.Red;
  /** The winner's colour, or Empty for a draw or an unfinished game. */
  winner: Colour | typeof Disc.Empty = Disc.Empty;
  endReason: EndReason = "";
  /** The winning cells, end to end; empty unless someone connected four. */
  winLine: number[] = [];
  lastMove: Move | undefined;

  constructor(private readonly record: CommandSink = NO_RECORDING) {}

  /** A fresh board; red moves first. */
  start(): void {
    this.board = emptyBoard();
    this.status = "playing";
    this.turn = Disc.Red;
    this.winner = Disc.Empty;
    this.endReason = "";
    this.winLine = [];
    this.lastMove = undefined;
    this.record([Connect4Command.Start]);
  }

  /**
   * Drop `colour`'s disc in `column`. Checks run in the order a player would want to hear
   * them: is there a game, is it my turn, is that a column, does it have room.
   */
  play(colour: Colour, column: number): Move {
    if (this.status === "waiting") throw new MoveError(Connect4Error.NotStarted, "waiting for a second player");
    if (this.status === "over") throw new MoveError(Connect4Error.GameOver, "the game is over; offer a rematch");
    if (colour !== this.turn) throw new MoveError(Connect4Error.NotYourTurn, "wait for the other player's move");
    if (!isColumn(column)) throw new MoveError(Connect4Error.ColumnOffBoard, `column must be 0 to 6, got ${column}`);
    const row = landingRow(this.board, column);
    if (row < 0) throw new MoveError(Connect4Error.ColumnFull, `column ${column} is full`);

    const cell = cellIndex(row, column);
    this.board[cell] = colour;
    this.lastMove = { colour, column, row, cell };
    const line = winningLine(this.board, cell);
    if (line) this.end("win", colour, line);
    else if (isFull(this.board)) this.end("draw", Disc.Empty);
    else this.turn = other(colour);
    this.record([Connect4Command.Play, colour, column]);
    return this.lastMove;
  }

  /** `loser` left mid-game: the other colour wins. Does nothing unless a game is being played. */
  forfeit(loser: Colour): void {
    if (this.status !== "playing") return;
    this.end("forfeit", other(loser));
    this.record([Connect4Command.Forfeit, loser]);
  }

  private end(reason: EndReason, winner: Colour | typeof Disc.Empty, line: number[] = []): void {
    this.status = "over";
    this.endReason = reason;
    this.winner = winner;
    this.winLine = line;
  }
}
