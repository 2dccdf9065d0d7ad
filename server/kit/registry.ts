import { defineRoom, type RegisteredHandler } from "colyseus";
import type { Schema } from "@colyseus/schema";
import { kitProtocol } from "../../shared/messages.ts";
import { RoomName } from "../../shared/protocol.ts";
import { hostMetrics } from "../metrics/hostMetrics.ts";
import { instrumentRoom } from "../metrics/instrumentRoom.ts";
import { lobbyRoomClass, type LobbySettings } from "./ChatLobbyRoom.ts";
import { roomClassFor, type KitSettings } from "./KitRoom.ts";
import type { BaseOptions, RoomType } from "./RoomType.ts";

// Each room type has its own state, options and game types; the registry holds them side by side.
export type AnyRoomType = RoomType<Schema, BaseOptions, any, any, any>;

/**
 * Matchmaking registration for every room type: each becomes a Colyseus room, listed live
 * in the lobby (enableRealtimeListing), and the fullest room with a seat is joined first.
 * Host limits come per room type name (e.g. ARENA_MAX_PLAYERS for "arena").
 * The lobby is Colyseus's LobbyRoom with the kit's chat (ChatLobbyRoom).
 */
export function registerRoomTypes(types: readonly AnyRoomType[], settings: (type: AnyRoomType) => KitSettings, lobby: LobbySettings) {
  const rooms: Record<string, RegisteredHandler<any>> = {
    [RoomName.Lobby]: defineRoom(lobbyRoomClass(lobby)),
  };
  for (const type of types) {
    if (rooms[type.name]) throw new Error(`room type "${type.name}" is registered twice`);
    const taken = Object.keys(type.protocol?.toServer ?? {}).filter((m) => Object.hasOwn(kitProtocol.toServer, m));
    if (taken.length > 0) throw new Error(`room type "${type.name}" declares message "${taken[0]}", which the kit uses`);
    rooms[type.name] = defineRoom(instrumentRoom(roomClassFor(type, settings(type)))).enableRealtimeListing().filterBy(["seatOpen"]).sortBy({ clients: -1 });
  }
  for (const handler of Object.values(rooms)) hostMetrics.trackRooms(handler);
  return rooms;
}
