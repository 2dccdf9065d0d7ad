import type { Room } from "@colyseus/sdk";
import { Msg, type RoomInfoMessage } from "../../shared/protocol.ts";
import { messagesOf } from "./messages.ts";
import { endMessage } from "./closeMessages.ts";
import { session } from "./session.ts";

export interface SessionEvents {
  /** The connection dropped; the SDK is retrying. */
  onDrop(): void;
  onReconnect(): void;
  /** The room is gone for good (left, kicked, timed out); `message` says why, "" for a chosen leave; `code` is the close code. */
  onEnd(message: string, code: number): void;
}

/** Close codes that end a game with a reason the player should see. */
const LEFT_ON_PURPOSE = 4000;

/**
 * What every room connection has, whatever the game: the room's info (type, code, owner),
 * the reconnection token in sessionStorage, drop/reconnect/leave, and the owner's kick.
 */
export class GameSession {
  info: RoomInfoMessage | undefined;
  private readonly net;

  constructor(
    readonly room: Room,
    events: SessionEvents,
  ) {
    session.save(room.reconnectionToken);
    this.net = messagesOf(room);
    this.net.on(Msg.RoomInfo, (info) => (this.info = info));
    room.onDrop(() => events.onDrop());
    room.onReconnect(() => {
      session.save(room.reconnectionToken);
      events.onReconnect();
    });
    room.onLeave((code: number, reason?: string) => {
      session.clear();
      events.onEnd(code === LEFT_ON_PURPOSE ? "" : endMessage(code, reason), code);
    });
  }

  get isOwner(): boolean {
    return !!this.info?.ownerId && this.info.ownerId === this.room.sessionId;
  }

  kick(sessionId: string): void {
    this.net.send(Msg.Kick, { target: sessionId });
  }

  /** Leave on purpose: the server frees the seat at once. */
  async leave(): Promise<void> {
    session.clear();
    await this.room.leave(true).catch(() => undefined);
  }
}
