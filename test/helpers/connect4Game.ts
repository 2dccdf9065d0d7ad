/** A Connect Four game played to its end by two real SDK clients (the ratings and outbox tests). */
import type { Client, Room } from "@colyseus/sdk";
import { CONNECT4_ROOM, Connect4Msg } from "../../shared/connect4/protocol.ts";
import type { Connect4State } from "../../shared/connect4/schema.ts";
import { Msg, type PingMessage } from "../../shared/protocol.ts";
import { joinOptions, untilState } from "./testServer.ts";

export type C4 = Room<Connect4State>;

/** Join Connect Four as `token`'s account (or anonymously), answering the kit's pings as the game does; `open` collects it for the teardown. */
export async function joinConnect4(s: { client(): Client }, token: string | undefined, open: Room[], roomId?: string): Promise<C4> {
  const sdk = s.client();
  if (token) sdk.auth.token = token;
  const room = roomId ? await sdk.joinById<Connect4State>(roomId, joinOptions("p")) : await sdk.create<Connect4State>(CONNECT4_ROOM, joinOptions("p"));
  open.push(room);
  room.onMessage(Msg.Ping, (m: PingMessage) => room.send(Msg.Pong, m));
  room.onMessage(Msg.RoomInfo, () => undefined);
  await untilState(room, () => room.state.board?.length > 0);
  return room;
}

/** Red (the creator) wins down column 0 while yellow plays column 1; resolves once the game is over. */
export async function redWins(red: C4, yellow: C4): Promise<void> {
  await untilState(red, () => red.state.status === "playing");
  const filled = () => red.state.board.filter((c) => c !== 0).length;
  const redFirst = red.state.players.get(red.sessionId)!.colour === red.state.turn;
  const [first, second] = redFirst ? [red, yellow] : [yellow, red];
  for (let i = 0; i < 4; i++) {
    for (const [room, column] of [[first, 0], [second, 1]] as const) {
      if (i === 3 && room === second) break;
      const before = filled();
      room.send(Connect4Msg.Drop, { column });
      await untilState(red, () => filled() > before || red.state.status === "over");
    }
  }
  await untilState(red, () => red.state.status === "over");
}
