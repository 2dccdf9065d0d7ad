/**
 * Real SDK clients in a chat: each joined member records the chat lines, history and
 * refusals it receives, from the moment it joined.
 */
import type { Room } from "@colyseus/sdk";
import type { ChatLine } from "../../shared/chat.ts";
import { Msg, RoomName, type RejectedMessage } from "../../shared/protocol.ts";
import { Inbox } from "./inbox.ts";
import { joinOptions, type TestServer } from "./testServer.ts";

export interface Member {
  room: Room;
  lines: Inbox<ChatLine>;
  history: Inbox<ChatLine[]>;
  rejected: Inbox<RejectedMessage>;
  say(text: string): void;
  /** Resolve with the first line (live) with this text. */
  heard(text: string): Promise<ChatLine>;
  /** Resolve with the first refusal with this reason. */
  refused(reason: string): Promise<RejectedMessage>;
}

/** Create a room, join one by id, or join (or create) the lobby as the game client does. */
export type Where = { create: "arena" | "lobby" } | { roomId: string } | { lobby: true };

export function memberOf(room: Room): Member {
  const lines = new Inbox<ChatLine>(room, Msg.Chat);
  const rejected = new Inbox<RejectedMessage>(room, Msg.Rejected);
  return {
    room,
    lines,
    history: new Inbox<ChatLine[]>(room, Msg.ChatHistory),
    rejected,
    say: (text) => room.send(Msg.Chat, { text }),
    heard: (text) => lines.find((l) => l.text === text),
    refused: (reason) => rejected.find((r) => r.reason === reason),
  };
}

/** Join (or create) a room as `name` and start recording at once. */
export async function join(server: TestServer, name: string, where: Where, opened: Room[]): Promise<Member> {
  const sdk = server.client();
  const room =
    "roomId" in where
      ? await sdk.joinById(where.roomId, joinOptions(name))
      : "lobby" in where
        ? await sdk.joinOrCreate(RoomName.Lobby, joinOptions(name))
        : await sdk.create(where.create === "lobby" ? RoomName.Lobby : RoomName.Arena, joinOptions(name));
  opened.push(room);
  // A lobby also sends its room list; listen so the SDK does not warn about it.
  room.onMessage("*", () => undefined);
  return memberOf(room);
}

/** Leave every room opened by a test (afterEach). */
export async function leaveAll(opened: Room[]): Promise<void> {
  await Promise.all(opened.splice(0).map((r) => r.connection.isOpen && r.leave().catch(() => undefined)));
}

export const texts = (lines: readonly ChatLine[]): string[] => lines.map((l) => l.text);
