import { CONNECT4_ROOM, Connect4Msg, parseDrop, parseNothing, TURN_SECONDS, turnSecondsFrom } from "../../../shared/connect4/protocol.ts";
import { Connect4State } from "../../../shared/connect4/schema.ts";
import type { KitRoom } from "../../kit/KitRoom.ts";
import { defineRoomType, message } from "../../kit/RoomType.ts";
import { Connect4Match, type Connect4Options } from "./Connect4Match.ts";

/** Connect Four is a two-player game whatever the host allows; more joiners watch. */
const PLAYERS = 2;

/**
 * Connect Four as a room type: turn-based and event-driven (no tick), moves are messages
 * checked by the shared rules, a turn timer, rematches, and spectators from the third joiner on.
 * Everything else (seats, validation, listing, pings) comes from server/kit.
 */
export const connect4RoomType = defineRoomType<Connect4State, Connect4Options, Connect4Match>({
  name: CONNECT4_ROOM,
  mode: "Connect Four",
  state: Connect4State,
  defaultMaxPlayers: PLAYERS,
  spectators: true,
  optionKeys: ["turnSeconds"],
  optionsProblem(raw) {
    const t = raw.turnSeconds;
    if (t !== undefined && (typeof t !== "number" || !Number.isInteger(t) || t < TURN_SECONDS.min || t > TURN_SECONDS.max)) {
      return `turnSeconds must be a whole number from ${TURN_SECONDS.min} to ${TURN_SECONDS.max}`;
    }
    return undefined;
  },
  parseOptions(raw) {
    const o = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    return { maxPlayers: PLAYERS, turnSeconds: turnSecondsFrom(o.turnSeconds) };
  },
  create: (services, state, options) => new Connect4Match(services, state, options),
  messages: {
    [Connect4Msg.Drop]: message({ parse: parseDrop, handle: (match, seat, m) => match.drop(seat, m.column) }),
    [Connect4Msg.Rematch]: message({ parse: parseNothing, handle: (match, seat) => match.rematch(seat) }),
    [Connect4Msg.Clock]: message({ parse: parseNothing, handle: (match, seat) => match.sendClock(seat), spectators: true }),
  },
  onJoin: (match, seat) => match.join(seat),
  onLeave: (match, seat) => match.leave(seat),
  onDrop: (match, seat) => match.setConnected(seat, false),
  onReconnect: (match, seat) => match.setConnected(seat, true),
});

/** The live Connect Four room, as tests and tools see it through the matchmaker. */
export type Connect4Room = KitRoom<Connect4State, Connect4Options, Connect4Match, never>;
