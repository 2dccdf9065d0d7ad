import { Client, type Room } from "@colyseus/sdk";
import { PROTOCOL_VERSION, RoomName } from "../../shared/protocol.ts";

/**
 * The server endpoint: the page's own origin when served by `npm start`; in `npm run dev`
 * (Vite on another port) the game server on port 2567 of the same host, or VITE_SERVER_URL.
 */
export function serverUrl(): string | undefined {
  const explicit = import.meta.env.VITE_SERVER_URL as string | undefined;
  if (explicit) return explicit;
  if (import.meta.env.DEV) return `${location.protocol}//${location.hostname}:2567`;
  return undefined;
}

/**
 * Quick play: join a room of that type with a free seat (or a spectator place, for types that
 * seat spectators), or create one. Resolves once the first state is in.
 */
export async function quickPlay(name: string, roomName: string = RoomName.Arena): Promise<Room> {
  const client = new Client(serverUrl());
  const room = await client.joinOrCreate(roomName, { name, protocol: PROTOCOL_VERSION });
  await firstState(room);
  return room;
}

/**
 * The full state follows the join handshake only after the client acknowledges it, so it
 * cannot have arrived before this runs; the room's own entries (if any) are in it.
 */
function firstState(room: Room): Promise<void> {
  return new Promise((resolve) => room.onStateChange.once(() => resolve()));
}
