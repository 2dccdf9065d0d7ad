/**
 * The kit's `resume { last }` handler: the outbox replays what the client missed; when its ring
 * no longer reaches back, the room's info and chat history are sent afresh (the reconnect itself
 * resent the full state). See ResumeOutbox.ts and docs/netcode.md, "Lossless resume".
 */
import type { Client } from "colyseus";
import { Msg, RejectReason, type RoomInfoMessage } from "../../../shared/protocol.ts";
import type { ResumeMessage } from "../../../shared/kit/resume.ts";
import type { ChatLine } from "../../../shared/chat.ts";
import { log } from "../../log.ts";
import type { ClientGuard } from "../../net/ClientGuard.ts";
import type { Handler } from "../dispatch.ts";
import type { ResumeOutbox } from "./ResumeOutbox.ts";
import type { RingSettings } from "./ResumeRing.ts";

/** The ring when the host sets none: a minute of messages, up to 512 per client. */
export const DEFAULT_RING: RingSettings = { size: 512, seconds: 60 };

/** Whether a join asked for numbered messages (its options were already checked by the matchmaker). */
export function wantsResume(options: unknown): boolean {
  return typeof options === "object" && options !== null && (options as { resume?: unknown }).resume === true;
}

interface ResumeHost {
  readonly roomId: string;
  readonly outbox: ResumeOutbox;
  readonly guard: ClientGuard;
  readonly chat: { since(after: number): ChatLine[] };
  roomInfo(): RoomInfoMessage;
}

export function resumeHandler(room: ResumeHost): Handler<ResumeMessage> {
  return {
    spectators: true,
    handle(client: Client, _seat, m) {
      const outcome = room.outbox.resume(client.sessionId, m.last);
      if (outcome.kind === "refused") return room.guard.reject(client, RejectReason.Malformed, outcome.detail);
      if (outcome.kind === "gap") {
        room.outbox.send(client.sessionId, Msg.RoomInfo, room.roomInfo());
        room.outbox.send(client.sessionId, Msg.ChatHistory, room.chat.since(0));
      }
      log.info("resumed", { room: room.roomId, session: client.sessionId, ...outcome });
    },
  };
}
