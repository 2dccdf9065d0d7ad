import { Client, type Room } from "@colyseus/sdk";
import { PROTOCOL_VERSION, RoomName } from "../../shared/protocol.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";

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

/** Quick play: join the arena that has a seat, or create one. Resolves once the first state is in. */
export async function quickPlay(name: string): Promise<Room<ArenaState>> {
  const client = new Client(serverUrl());
  const room = await client.joinOrCreate<ArenaState>(RoomName.Arena, { name, protocol: PROTOCOL_VERSION });
  await firstState(room);
  return room;
}

/** Join the lobby (the live room list, and lobby chat) under a name. */
export async function joinLobby(name: string): Promise<Room> {
  const client = new Client(serverUrl());
  return client.joinOrCreate(RoomName.Lobby, { name, protocol: PROTOCOL_VERSION });
}

function firstState(room: Room<ArenaState>): Promise<void> {
  if (room.state.players?.get(room.sessionId)) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (room.state.players?.get(room.sessionId)) {
        room.onStateChange.remove(check);
        resolve();
      }
    };
    room.onStateChange(check);
  });
}
