import { defineRoom, LobbyRoom, type RegisteredHandler } from "colyseus";
import type { Schema } from "@colyseus/schema";
import { RoomName } from "../../shared/protocol.ts";
import { instrumentRoom } from "../metrics/serverMetrics.ts";
import { roomClassFor, type KitSettings } from "./KitRoom.ts";
import type { BaseOptions, RoomType } from "./RoomType.ts";

// Each room type has its own state, options and game types; the registry holds them side by side.
export type AnyRoomType = RoomType<Schema, BaseOptions, any, any>;

/**
 * Matchmaking registration for every room type: each becomes a Colyseus room, listed live
 * in the lobby (enableRealtimeListing), and the fullest room with a seat is joined first.
 * Host limits come per room type name (e.g. ARENA_MAX_PLAYERS for "arena").
 */
export function registerRoomTypes(types: readonly AnyRoomType[], settings: (type: AnyRoomType) => KitSettings) {
  const rooms: Record<string, RegisteredHandler<any>> = {
    [RoomName.Lobby]: defineRoom(LobbyRoom),
  };
  for (const type of types) {
    if (rooms[type.name]) throw new Error(`room type "${type.name}" is registered twice`);
    rooms[type.name] = defineRoom(instrumentRoom(roomClassFor(type, settings(type)))).enableRealtimeListing().sortBy({ clients: -1 });
  }
  return rooms;
}
