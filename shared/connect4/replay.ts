/**
 * Connect Four's replay rules: a log of the accepted moves ("s" start, "p" play, "f" forfeit,
 * written by Connect4Game) rebuilds every game of a room. The turn timer's random moves are
 * recorded as the moves they became, so no rng is replayed. See docs/replays.md.
 */
import { z } from "zod";
import { Connect4Command, Connect4Game } from "./Connect4Game.ts";
import { CELLS, Disc, type Colour } from "./board.ts";
import { CONNECT4_ROOM } from "./protocol.ts";
import { Hasher } from "../replay/checksum.ts";
import type { Json, ReplayEntry } from "../replay/format.ts";
import { ReplayError, ReplayErrorCode, type ReplayRules } from "../replay/rules.ts";

/** Connect Four's rules version: bump it with any change to what a move does. */
export const CONNECT4_RULES_VERSION = 1;

const STATUSES = ["waiting", "playing", "over"] as const;
const colour = z.union([z.literal(Disc.Red), z.literal(Disc.Yellow)]);
const cell = z.union([z.literal(Disc.Empty), colour]);
const Snapshot = z.object({
  board: z.array(cell).length(CELLS),
  status: z.enum(STATUSES),
  turn: colour,
  winner: cell,
  endReason: z.enum(["", "win", "draw", "forfeit"]),
  winLine: z.array(z.int()),
  lastMove: z.object({ colour, column: z.int(), row: z.int(), cell: z.int() }).optional(),
});

const bad = (entry: ReplayEntry, why: string) => new ReplayError(ReplayErrorCode.BadEntry, `connect4 command ${JSON.stringify(entry).slice(0, 80)}: ${why}`);
const isColour = (c: unknown): c is Colour => c === Disc.Red || c === Disc.Yellow;

export const connect4ReplayRules: ReplayRules<Connect4Game> = {
  roomType: CONNECT4_ROOM,
  rulesVersion: CONNECT4_RULES_VERSION,
  // A game is at most 44 commands: check every one, keyframe every eight.
  checksumEvery: 1,
  keyframeEvery: 8,
  create: () => new Connect4Game(),
  apply(game, entry) {
    const [kind, a, b] = entry;
    if (kind === Connect4Command.Start) game.start();
    else if (kind === Connect4Command.Play) {
      if (!isColour(a) || typeof b !== "number") throw bad(entry, "expected a colour and a column");
      game.play(a, b); // a recorded move was legal: a MoveError here means the log and the rules disagree
    } else if (kind === Connect4Command.Forfeit) {
      if (!isColour(a)) throw bad(entry, "expected the loser's colour");
      game.forfeit(a);
    } else throw bad(entry, "unknown command");
  },
  snapshot(game) {
    const { board, status, turn, winner, endReason, winLine, lastMove } = game;
    return { board: [...board], status, turn, winner, endReason, winLine: [...winLine], ...(lastMove ? { lastMove: { ...lastMove } } : {}) } satisfies z.input<typeof Snapshot> as Json;
  },
  restore(_header, state) {
    const s = Snapshot.safeParse(state);
    if (!s.success) throw new ReplayError(ReplayErrorCode.BadEntry, "a connect4 keyframe is malformed");
    const game = new Connect4Game();
    Object.assign(game, { ...s.data, board: [...s.data.board], winLine: [...s.data.winLine], lastMove: s.data.lastMove && { ...s.data.lastMove } });
    return game;
  },
  checksum(game) {
    const h = new Hasher().str(game.status).num(game.turn).num(game.winner).str(game.endReason);
    for (const c of game.board) h.num(c);
    h.num(game.winLine.length);
    for (const c of game.winLine) h.num(c);
    return h.num(game.lastMove?.cell ?? -1).digest();
  },
};
