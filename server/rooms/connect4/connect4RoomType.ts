import { CONNECT4_ROOM, connect4OptionFields, connect4Protocol, Connect4Msg, TURN_SECONDS } from "../../../shared/connect4/protocol.ts";
import { Connect4State } from "../../../shared/connect4/schema.ts";
import type { KitRoom } from "../../kit/KitRoom.ts";
import { defineOptions, defineReplay, defineRoomType } from "../../kit/RoomType.ts";
import { connect4ReplayRules } from "../../../shared/connect4/replay.ts";
import { Connect4Match, type Connect4Options } from "./Connect4Match.ts";

/** Connect Four is a two-player game whatever the host allows; more joiners watch. */
const PLAYERS = 2;

/**
 * Connect Four as a room type: turn-based and event-driven (no tick), moves are messages
 * checked by the shared rules, a turn timer, rematches, and spectators from the third joiner on.
 * Everything else (seats, validation, listing, pings) comes from server/kit.
 */
export const connect4RoomType = defineRoomType<Connect4State, Connect4Options, Connect4Match, never, typeof connect4Protocol>({
  name: CONNECT4_ROOM,
  mode: "Connect Four",
  state: Connect4State,
  defaultMaxPlayers: PLAYERS,
  spectators: true,
  // maxPlayers may be asked for (the kit's option) but a game of Connect Four has two players.
  options: defineOptions({ fields: connect4OptionFields, resolve: (o) => ({ maxPlayers: PLAYERS, turnSeconds: o.turnSeconds ?? TURN_SECONDS.default }) }),
  protocol: connect4Protocol,
  create: (services, state, options) => new Connect4Match(services, state, options),
  messages: {
    [Connect4Msg.Drop]: { handle: (match, seat, m) => match.drop(seat, m.column, m) },
    [Connect4Msg.Rematch]: { handle: (match, seat) => match.rematch(seat) },
    [Connect4Msg.Clock]: { handle: (match, seat) => match.sendClock(seat), spectators: true },
  },
  onJoin: (match, seat) => match.join(seat),
  onLeave: (match, seat) => match.leave(seat),
  onDrop: (match, seat) => match.setConnected(seat, false),
  onReconnect: (match, seat) => match.setConnected(seat, true),
  replay: defineReplay({ rules: connect4ReplayRules, sim: (match: Connect4Match) => match.game, setup: () => ({}), result: (match: Connect4Match) => match.result() }),
});

/** The live Connect Four room, as tests and tools see it through the matchmaker. */
export type Connect4Room = KitRoom<Connect4State, Connect4Options, Connect4Match, never, typeof connect4Protocol>;
