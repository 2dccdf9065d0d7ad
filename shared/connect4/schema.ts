/**
 * The synced Connect Four state. Data only: fields and defaults, no methods.
 * The rules (Connect4Game) run on plain data; server/rooms/connect4 copies them in after each change.
 */
import { ArraySchema, MapSchema, schema, t, type SchemaType } from "@colyseus/schema";
import { CELLS, Disc } from "./board.ts";
import type { EndReason, Status } from "./Connect4Game.ts";
import { TURN_SECONDS } from "./protocol.ts";

export const Connect4Player = schema(
  {
    name: t.string().default(""),
    /** Disc.Red (1) or Disc.Yellow (2); red moves first. Swaps on every rematch. */
    colour: t.uint8().default(Disc.Empty),
    /** Games this player has won in this room (rematches and forfeits count). */
    wins: t.uint16().default(0),
    /** This player has offered (or accepted) a rematch of the finished game. */
    rematch: t.boolean().default(false),
    /** False while the connection is down and the seat is held for a reconnect. */
    connected: t.boolean().default(true),
  },
  "Connect4Player",
);
export type Connect4Player = SchemaType<typeof Connect4Player>;

export const Connect4State = schema(
  {
    /** 42 cells, row-major, row 0 at the top: Disc.Empty, Disc.Red or Disc.Yellow. */
    board: t.array("uint8").default(() => new ArraySchema<number>(...new Array<number>(CELLS).fill(Disc.Empty))),
    status: t.string<Status>().default("waiting"),
    /** The colour to move while playing; Disc.Empty otherwise. */
    turn: t.uint8().default(Disc.Empty),
    /** The winner's colour once over; Disc.Empty for a draw. */
    winner: t.uint8().default(Disc.Empty),
    endReason: t.string<EndReason>().default(""),
    /** The winning four (or more) cells, for highlighting. */
    winLine: t.array("uint8").default(() => new ArraySchema<number>()),
    /** The cell the last disc landed in, -1 before the first move of a game. */
    lastCell: t.int8().default(-1),
    /** The last move was played by the turn timer, not the player. */
    lastAuto: t.boolean().default(false),
    /** Server room-clock time (ms) when the current turn runs out; 0 when no turn is running. */
    turnDeadline: t.float64().default(0),
    turnSeconds: t.uint8().default(TURN_SECONDS.default),
    /** Games started in this room; a rematch increments it. */
    game: t.uint16().default(0),
    /** The two players by session id. Spectators are not here, only counted. */
    players: t.map(Connect4Player).default(() => new MapSchema<Connect4Player>()),
    spectators: t.uint16().default(0),
  },
  "Connect4State",
);
export type Connect4State = SchemaType<typeof Connect4State>;
