import type { Room } from "@colyseus/sdk";
import { CloseCode, Msg, type RoomInfoMessage } from "../../shared/protocol.ts";
import { session } from "./session.ts";

export interface SessionEvents {
  /** The connection dropped; the SDK is retrying. */
  onDrop(): void;
  onReconnect(): void;
  /** The room is gone for good (left, kicked, timed out); `message` says why, "" for a chosen leave. */
  onEnd(message: string): void;
}

/** Close codes that end a game with a reason the player should see. */
const LEFT_ON_PURPOSE = 4000;

/**
 * What every room connection has, whatever the game: the room's info (type, code, owner),
 * the reconnection token in sessionStorage, drop/reconnect/leave, and the owner's kick.
 */
export class GameSession {
  info: RoomInfoMessage | undefined;

  constructor(
    readonly room: Room,
    events: SessionEvents,
  ) {
    session.save(room.reconnectionToken);
    room.onMessage(Msg.RoomInfo, (info: RoomInfoMessage) => (this.info = info));
    room.onDrop(() => events.onDrop());
    room.onReconnect(() => {
      session.save(room.reconnectionToken);
      events.onReconnect();
    });
    room.onLeave((code: number, reason?: string) => {
      session.clear();
      events.onEnd(code === LEFT_ON_PURPOSE ? "" : endMessage(code, reason));
    });
  }

  get isOwner(): boolean {
    return !!this.info?.ownerId && this.info.ownerId === this.room.sessionId;
  }

  kick(sessionId: string): void {
    this.room.send(Msg.Kick, { target: sessionId });
  }

  /** Leave on purpose: the server frees the seat at once. */
  async leave(): Promise<void> {
    session.clear();
    await this.room.leave(true).catch(() => undefined);
  }
}

/** What the server's named close codes mean to a player, when the server gave no reason. */
const CLOSE_MESSAGES: Partial<Record<number, string>> = {
  [CloseCode.ServerRestarting]: "The server is restarting. Rejoin in a moment.",
  [CloseCode.RoomCrashed]: "The room hit an error and closed.",
  [CloseCode.RateLimited]: "Disconnected: your game sent too many messages.",
  [CloseCode.MessageTooBig]: "Disconnected: your game sent a message that was too large.",
  [CloseCode.TooManyInvalidMessages]: "Disconnected: your game sent too many invalid messages.",
};

/** Codes the server closes with for its own reasons: the player did nothing wrong. */
const SERVER_SIDE: ReadonlySet<number> = new Set([CloseCode.ServerRestarting, CloseCode.RoomCrashed]);

export function endMessage(code: number, reason?: string): string {
  if (reason && SERVER_SIDE.has(code)) return `${reason[0]!.toUpperCase()}${reason.slice(1)}.`;
  if (reason) return `You left the room: ${reason}`;
  return CLOSE_MESSAGES[code] ?? `Disconnected from the room (code ${code}).`;
}
