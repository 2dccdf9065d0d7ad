/**
 * The Connect Four board as plain data: 7 columns by 6 rows, row 0 at the top, discs fall
 * to the highest free row index. Pure functions only, shared by the server's rules and the
 * client's hover preview.
 */

export const COLUMNS = 7;
export const ROWS = 6;
export const CELLS = COLUMNS * ROWS;
/** Discs in a line that win. */
export const CONNECT = 4;

/** A cell's content: empty, or a player's colour. Red always moves first in a game. */
export const Disc = { Empty: 0, Red: 1, Yellow: 2 } as const;
export type Colour = typeof Disc.Red | typeof Disc.Yellow;
export type Cell = Colour | typeof Disc.Empty;

/** One flat array, row-major: index = row * COLUMNS + column. */
export type Board = Cell[];

export const emptyBoard = (): Board => new Array<Cell>(CELLS).fill(Disc.Empty);
export const cellIndex = (row: number, column: number): number => row * COLUMNS + column;
export const other = (c: Colour): Colour => (c === Disc.Red ? Disc.Yellow : Disc.Red);
export const isColumn = (column: number): boolean => Number.isInteger(column) && column >= 0 && column < COLUMNS;

/** The row a disc dropped in `column` lands on, or -1 when the column is full. */
export function landingRow(board: readonly Cell[], column: number): number {
  for (let row = ROWS - 1; row >= 0; row--) {
    if (board[cellIndex(row, column)] === Disc.Empty) return row;
  }
  return -1;
}

/** Columns that still take a disc, left to right. */
export function legalColumns(board: readonly Cell[]): number[] {
  const out: number[] = [];
  for (let c = 0; c < COLUMNS; c++) if (board[cellIndex(0, c)] === Disc.Empty) out.push(c);
  return out;
}

export const isFull = (board: readonly Cell[]): boolean => legalColumns(board).length === 0;

/** The four line directions as [dRow, dColumn]: horizontal, vertical and both diagonals. */
const DIRECTIONS: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [1, 0],
  [1, 1],
  [1, -1],
];

/**
 * The winning line through the disc at `index`, as cell indexes from one end to the other,
 * or undefined. Only lines through the last disc can be new, so this is all a move checks.
 */
export function winningLine(board: readonly Cell[], index: number): number[] | undefined {
  const colour = board[index];
  if (colour === undefined || colour === Disc.Empty) return undefined;
  const row = Math.floor(index / COLUMNS);
  const column = index % COLUMNS;
  for (const [dr, dc] of DIRECTIONS) {
    const line = [index];
    for (const sign of [-1, 1]) {
      let r = row + dr * sign;
      let c = column + dc * sign;
      while (r >= 0 && r < ROWS && c >= 0 && c < COLUMNS && board[cellIndex(r, c)] === colour) {
        if (sign < 0) line.unshift(cellIndex(r, c));
        else line.push(cellIndex(r, c));
        r += dr * sign;
        c += dc * sign;
      }
    }
    if (line.length >= CONNECT) return line;
  }
  return undefined;
}

/** Discs on the board: the turn number a move names (shared/connect4/protocol.ts, Drop). */
export function discsOn(board: Iterable<number>): number {
  let n = 0;
  for (const c of board) if (c !== Disc.Empty) n++;
  return n;
}
