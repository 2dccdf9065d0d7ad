/** Connect Four seats in tests: a room that answers pings and ignores room info, once its board arrived. */
import type { Room } from "@colyseus/sdk";
import { Disc } from "../../shared/connect4/board.ts";
import type { Connect4State } from "../../shared/connect4/schema.ts";
import { Msg, type PingMessage } from "../../shared/protocol.ts";
import { untilState } from "./testServer.ts";

export type C4 = Room<Connect4State>;

/** `room` once its board arrived, kept in `open` (for leaveAll), answering pings. */
export async function seated(room: C4, open: Room[]): Promise<C4> {
  open.push(room);
  room.onMessage(Msg.Ping, (m: PingMessage) => room.send(Msg.Pong, m));
  room.onMessage(Msg.RoomInfo, () => undefined);
  await untilState(room, () => room.state.board?.length > 0);
  return room;
}

/** Discs on the board. */
export const filled = (room: C4) => room.state.board.filter((c) => c !== Disc.Empty).length;
