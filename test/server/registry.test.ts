/**
 * The kit's own messages take the same dispatch as a room type's: a malformed pong or kick is
 * answered `rejected malformed` and counted by the room's guard, exactly as a malformed drop.
 */
import type { Room } from "@colyseus/sdk";
import { matchMaker } from "colyseus";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Connect4Room } from "../../server/rooms/connect4/connect4RoomType.ts";
import { CONNECT4_ROOM, Connect4Msg } from "../../shared/connect4/protocol.ts";
import { Msg, RejectReason, type RejectedMessage } from "../../shared/protocol.ts";
import { joinOptions, nextMessage, startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const open: Room[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.leave(true).catch(() => undefined)));
});
afterAll(async () => {
  await server.stop();
});

async function connect4(): Promise<{ client: Room; room: Connect4Room }> {
  const client = await server.client().create(CONNECT4_ROOM, joinOptions("alice"));
  open.push(client);
  client.onMessage("*", () => undefined);
  return { client, room: matchMaker.getLocalRoomById(client.roomId) as unknown as Connect4Room };
}

/** Send a raw payload, bypassing the typed helpers, and wait for its refusal. */
async function refusalOf(client: Room, type: string, payload: unknown): Promise<RejectedMessage> {
  const answer = nextMessage<RejectedMessage>(client, Msg.Rejected);
  client.send(type, payload);
  return answer;
}

describe("one dispatch for the kit's messages and a room type's", () => {
  it.each([
    [Msg.Pong, { id: "soon" }, "pong: pong must be { id: integer }"],
    [Msg.Kick, { target: 7 }, "kick: kick must be { target: sessionId }"],
    [Msg.ChatMute, { target: "x", minutes: -1 }, "chat_mute: chat_mute minutes must be an integer from 0 to 1440"],
    [Connect4Msg.Drop, { column: "3" }, "drop: drop must be { column: integer, game?: integer, turn?: integer }"],
    [Connect4Msg.Rematch, { now: 1 }, "rematch: this message takes no payload"],
  ])("a malformed %s is refused as malformed and counted", async (type, payload, detail) => {
    const { client, room } = await connect4();
    const before = room.guard.stats.rejected;
    expect(await refusalOf(client, type, payload)).toEqual({ reason: RejectReason.Malformed, detail });
    expect(room.guard.stats.rejected).toBe(before + 1);
  });

  it("refuses chat text by its own reason, counted the same way", async () => {
    const { client, room } = await connect4();
    const before = room.guard.stats.rejected;
    expect(await refusalOf(client, Msg.Chat, { text: " \u0007 " })).toEqual({ reason: RejectReason.ChatEmpty, detail: "chat: the message is empty" });
    expect(room.guard.stats.rejected).toBe(before + 1);
  });

  it("answers a move the rules refuse without counting it", async () => {
    const { client, room } = await connect4();
    const before = room.guard.stats.rejected;
    // Alone in the room: the game has not started.
    expect(await refusalOf(client, Connect4Msg.Drop, { column: 3 })).toMatchObject({ reason: "not_started" });
    expect(await refusalOf(client, Msg.Kick, { target: "nobody" })).toMatchObject({ reason: RejectReason.NotOwner });
    expect(room.guard.stats.rejected).toBe(before);
  });
});
