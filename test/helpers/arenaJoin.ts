import type { Room } from "@colyseus/sdk";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { joinOptions, untilState, type TestServer } from "./testServer.ts";

/**
 * Join an arena with a real SDK client (a new room, or `roomId`), once its own player is in
 * its state. The room is pushed onto `opened`, for the test file to leave afterwards.
 */
export async function joinArena(server: TestServer, opened: Room[], name: string, roomId?: string): Promise<Room<ArenaState>> {
  const sdk = server.client();
  const room = roomId ? await sdk.joinById<ArenaState>(roomId, joinOptions(name)) : await sdk.create<ArenaState>("arena", joinOptions(name));
  opened.push(room);
  await untilState(room, () => room.state.players?.get(room.sessionId) !== undefined);
  return room;
}
