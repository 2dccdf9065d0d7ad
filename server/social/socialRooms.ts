/**
 * The social room types beside the game rooms: parties (server/party) and the ranked queue
 * (server/ranked). Registered with the matchmaker like every room, so they work across a
 * cluster; the queue is filtered by its `game` option (one queue per game).
 */
import { defineRoom, type RegisteredHandler } from "colyseus";
import { PARTY_ROOM } from "../../shared/party/protocol.ts";
import { RANKED_ROOM } from "../../shared/ranked/protocol.ts";
import { RoomName } from "../../shared/protocol.ts";
import type { Config } from "../config.ts";
import type { Accounts } from "../auth/Accounts.ts";
import { hostMetrics } from "../metrics/hostMetrics.ts";
import { partyRoomClass } from "../party/PartyRoom.ts";
import { rankedQueueClass } from "../ranked/RankedQueueRoom.ts";

/** The game rooms (registerRoomTypes's) with the party and the ranked queue beside them. */
export function withSocialRooms(config: Config, accounts: Accounts | undefined, games: Record<string, RegisteredHandler<any>>): Record<string, RegisteredHandler<any>> {
  const roomTypes = Object.keys(games).filter((name) => name !== RoomName.Lobby);
  const rooms: Record<string, RegisteredHandler<any>> = {
    [PARTY_ROOM]: defineRoom(partyRoomClass({ accounts, maxSize: config.PARTY_MAX_SIZE, reconnectSeconds: config.RECONNECT_SECONDS, maxInvalidMessages: config.MAX_INVALID_MESSAGES })),
    [RANKED_ROOM]: defineRoom(
      rankedQueueClass({
        accounts,
        roomTypes,
        players: { [RoomName.Arena]: config.RANKED_ARENA_PLAYERS },
        maxInvalidMessages: config.MAX_INVALID_MESSAGES,
        window: { start: config.RANKED_WINDOW_START, widenPerSecond: config.RANKED_WINDOW_WIDEN_PER_SECOND, max: config.RANKED_WINDOW_MAX, cycleMs: config.RANKED_CYCLE_MS },
      }),
    ).filterBy(["game"]),
  };
  for (const handler of Object.values(rooms)) hostMetrics.trackRooms(handler);
  return { ...games, ...rooms };
}
