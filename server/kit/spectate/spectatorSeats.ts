/**
 * Who may watch a room, and as what (docs/replays.md, "Live spectating"). A joiner asks
 * with `{ spectate: true }`; one beyond the player seats of a room type that seats
 * spectators (Connect Four) is seated as one too. Spectators have their own cap, and a
 * private room is watched by its code only when its owner created it with `spectators: true`.
 */
import { ServerError } from "colyseus";
import type { Role } from "../../../shared/kit/seats.ts";
import { JoinError } from "../../../shared/protocol.ts";

/** The host's spectating settings (server/config.ts). */
export interface SpectatorSettings {
  /** SPECTATORS_PER_ROOM: spectator seats beside the player seats. */
  perRoom: number;
  /** SPECTATOR_DELAY_SECONDS: how far behind a real-time room spectators watch. */
  delaySeconds: number;
  /** SPECTATOR_CHAT: spectators' lines to spectators only ("separate"), or to everyone. */
  chat: "separate" | "shared";
}

/** What a fresh machine runs with (the same as config.ts's defaults). */
export const DEFAULT_SPECTATING: SpectatorSettings = { perRoom: 32, delaySeconds: 3, chat: "separate" };

export interface SeatRequest {
  /** The joiner asked to watch. */
  spectate: boolean;
  players: number;
  spectators: number;
  maxPlayers: number;
  /** The room type seats joiners beyond maxPlayers as spectators. */
  overflowSpectates: boolean;
  /** A private room whose owner did not allow spectators. */
  closedToSpectators: boolean;
  perRoom: number;
}

/** The joiner's role, or a ServerError the SDK's join rejects with (its code and message). */
export function seatRole(r: SeatRequest): Role {
  if (!r.spectate && r.players < r.maxPlayers) return "player";
  if (!r.spectate && !r.overflowSpectates) throw new ServerError(JoinError.RoomFull, "the room is full");
  if (r.closedToSpectators) throw new ServerError(JoinError.NotWatchable, "this private room's owner does not allow spectators");
  if (r.spectators >= r.perRoom) throw new ServerError(JoinError.SpectatorsFull, `every spectator seat (${r.perRoom}) is taken`);
  return "spectator";
}
