import type { Cell } from "../../shared/connect4/board.ts";
import type { Connect4Player, Connect4State } from "../../shared/connect4/schema.ts";

/**
 * What Connect4Scene draws from: a live room (Connect4Client) or a replay (Connect4Replay,
 * re-simulated from a tick log). The scene cannot tell them apart.
 */
export interface Connect4View {
  readonly state: Connect4State;
  cell(row: number, column: number): Cell;
  me(): Connect4Player | undefined;
  isMyTurn(): boolean;
  landingRow(column: number): number;
  drop(column: number): void;
}
