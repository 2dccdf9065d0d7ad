import { describe, expect, it } from "vitest";
import { cellIndex, COLUMNS, Disc, legalColumns, ROWS, winningLine, type Colour } from "../../shared/connect4/board.ts";
import { Connect4Game } from "../../shared/connect4/Connect4Game.ts";
import { Connect4Error, connect4OptionFields, Drop, TURN_SECONDS } from "../../shared/connect4/protocol.ts";
import { Empty } from "../../shared/registry.ts";
import { MoveError } from "../../shared/kit/seats.ts";

/** A started game after alternating moves (red first), given as a string of column digits. */
function played(columns: string): Connect4Game {
  const game = new Connect4Game();
  game.start();
  for (const c of columns) game.play(game.turn, Number(c));
  return game;
}

/** The reason a move is refused, or "accepted". */
function refusal(game: Connect4Game, colour: Colour, column: number): string {
  try {
    game.play(colour, column);
    return "accepted";
  } catch (e) {
    if (e instanceof MoveError) return e.reason;
    throw e;
  }
}

// Found by a seeded random search: 42 alternating moves that fill the board with no four in a row.
const DRAWN_GAME = "510434133334215521466530251410460052062266";

describe("connect four: winning", () => {
  it("wins horizontally", () => {
    const game = played("0011223");
    expect(game).toMatchObject({ status: "over", endReason: "win", winner: Disc.Red });
    expect(game.winLine).toEqual([0, 1, 2, 3].map((c) => cellIndex(ROWS - 1, c)));
  });

  it("wins vertically", () => {
    const game = played("1213141");
    expect(game).toMatchObject({ status: "over", winner: Disc.Red });
    expect(game.winLine).toEqual([2, 3, 4, 5].map((r) => cellIndex(r, 1)));
  });

  it("wins on the rising diagonal", () => {
    // Red climbs 0,1,2,3 bottom-up; yellow's discs prop it up.
    const game = played("01123223633");
    expect(game.winner).toBe(Disc.Red);
    expect(game.winLine).toEqual([cellIndex(2, 3), cellIndex(3, 2), cellIndex(4, 1), cellIndex(5, 0)]);
  });

  it("wins on the falling diagonal", () => {
    const game = played("65543443033");
    expect(game.winner).toBe(Disc.Red);
    expect(game.winLine).toEqual([cellIndex(2, 3), cellIndex(3, 4), cellIndex(4, 5), cellIndex(5, 6)]);
  });

  it("lets yellow win too, and finds a line longer than four through the middle disc", () => {
    const game = played("60615253");
    expect(game.winner).toBe(Disc.Yellow);
    const board = new Connect4Game().board;
    for (const c of [0, 1, 2, 4, 5]) board[cellIndex(ROWS - 1, c)] = Disc.Red;
    board[cellIndex(ROWS - 1, 3)] = Disc.Red;
    expect(winningLine(board, cellIndex(ROWS - 1, 3))).toEqual([0, 1, 2, 3, 4, 5].map((c) => cellIndex(ROWS - 1, c)));
  });

  it("is not a win with three in a row or a broken line", () => {
    const game = played("001122");
    expect(game.status).toBe("playing");
    expect(game.turn).toBe(Disc.Red);
    expect(played("0011224").status).toBe("playing");
  });
});

describe("connect four: draws and turns", () => {
  it("is a draw when the board fills with no four in a row", () => {
    const game = played(DRAWN_GAME.slice(0, -1));
    expect(game.status).toBe("playing");
    game.play(game.turn, Number(DRAWN_GAME.at(-1)));
    expect(game).toMatchObject({ status: "over", endReason: "draw", winner: Disc.Empty, winLine: [] });
    expect(legalColumns(game.board)).toEqual([]);
  });

  it("alternates turns, red first, and lands discs on the lowest free row", () => {
    const game = played("33");
    expect(game.board[cellIndex(ROWS - 1, 3)]).toBe(Disc.Red);
    expect(game.board[cellIndex(ROWS - 2, 3)]).toBe(Disc.Yellow);
    expect(game.turn).toBe(Disc.Red);
    expect(game.lastMove).toEqual({ colour: Disc.Yellow, column: 3, row: ROWS - 2, cell: cellIndex(ROWS - 2, 3) });
  });

  it("ends by forfeit in the other colour's favour, only while playing", () => {
    const game = played("0");
    game.forfeit(Disc.Yellow);
    expect(game).toMatchObject({ status: "over", endReason: "forfeit", winner: Disc.Red });
    game.forfeit(Disc.Red);
    expect(game.winner).toBe(Disc.Red);
  });
});

describe("connect four: illegal moves are named and change nothing", () => {
  it("refuses a move before the game starts", () => {
    expect(refusal(new Connect4Game(), Disc.Red, 0)).toBe(Connect4Error.NotStarted);
  });

  it("refuses a move out of turn", () => {
    const game = played("0");
    const before = [...game.board];
    expect(refusal(game, Disc.Red, 1)).toBe(Connect4Error.NotYourTurn);
    expect(game.board).toEqual(before);
    expect(game.turn).toBe(Disc.Yellow);
  });

  it("refuses a full column", () => {
    const game = played("000000");
    expect(refusal(game, Disc.Red, 0)).toBe(Connect4Error.ColumnFull);
    expect(game.turn).toBe(Disc.Red);
  });

  it("refuses a column off the board", () => {
    const game = played("");
    for (const c of [-1, COLUMNS, 99, 2.5]) expect(refusal(game, Disc.Red, c)).toBe(Connect4Error.ColumnOffBoard);
  });

  it("refuses any move after the game is over", () => {
    const game = played("1213141");
    expect(refusal(game, Disc.Yellow, 0)).toBe(Connect4Error.GameOver);
    expect(refusal(game, Disc.Red, 0)).toBe(Connect4Error.GameOver);
  });
});

describe("connect four: message formats and options", () => {
  it("parses drops and refuses malformed ones", () => {
    expect(Drop.parse({ column: 3 })).toEqual({ column: 3 });
    expect(Drop.parse({ column: 12 })).toEqual({ column: 12 });
    for (const bad of [undefined, 3, "3", { column: "3" }, { column: 1.5 }, { col: 3 }, [3]]) expect(Drop.safeParse(bad).success).toBe(false);
    expect(Empty.safeParse(undefined).success).toBe(true);
    expect(Empty.safeParse({}).success).toBe(true);
    expect(Empty.safeParse({ x: 1 }).success).toBe(false);
  });

  it("takes a turn timer of whole seconds from 5 to 120, and none (the default) is fine", () => {
    const turn = connect4OptionFields.turnSeconds;
    for (const ok of [undefined, TURN_SECONDS.min, 12, TURN_SECONDS.max]) expect(turn.safeParse(ok).success).toBe(true);
    for (const bad of [TURN_SECONDS.min - 1, TURN_SECONDS.max + 1, 12.4, "10", Number.NaN, null]) {
      expect(turn.safeParse(bad).error?.issues[0]?.message).toBe("turnSeconds must be a whole number from 5 to 120");
    }
  });
});
