/**
 * The lobby's `filter` amplification, as the review found it: a 9-byte message used to buy
 * the whole public room list each time. A flood of filters now gets at most a small burst
 * of answers, each refusal is counted, and the flooder is closed like any persistent
 * sender of invalid messages.
 */
import type { Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatLobbyRoom } from "../../server/kit/ChatLobbyRoom.ts";
import { LOBBY_FILTER } from "../../server/kit/lobbyFilter.ts";
import { CloseCode, Msg, RejectReason, RoomName } from "../../shared/protocol.ts";
import { joinOptions, leaveCode, nextMessage, startTestServer, type TestServer, leaveAll } from "../helpers/testServer.ts";

let server: TestServer | undefined;
const rooms: Room[] = [];
afterEach(async () => {
  await leaveAll(rooms);
  await server?.stop();
  server = undefined;
});

describe("lobby filter pacing", () => {
  it("answers a flood of 200 changing filters at most a burst of times, counts the rest, and closes the flooder", async () => {
    server = await startTestServer({ MAX_INVALID_MESSAGES: "20" });
    for (let i = 0; i < 3; i++) rooms.push(await server.client().create(RoomName.Arena, joinOptions(`host${i}`)));
    const lobby = await server.client().joinOrCreate(RoomName.Lobby, joinOptions("flooder"));
    rooms.push(lobby);
    let answers = 0;
    let listed = 0;
    lobby.onMessage("rooms", (list: unknown[]) => {
      answers++;
      listed += list.length;
    });
    // Sync point: the join's own listing was sent before this history answer.
    const synced = nextMessage(lobby, Msg.ChatHistory);
    lobby.send(Msg.ChatSince, { after: 0 });
    await synced;
    answers = 0;
    listed = 0;
    const closed = leaveCode(lobby);
    for (let i = 0; i < 200; i++) lobby.send("filter", { name: RoomName.Arena, metadata: { players: i % 50 } });
    expect(await closed).toBe(CloseCode.TooManyInvalidMessages);
    // A token may refill during the flood; the answers stay within burst + 1.
    expect(answers).toBeGreaterThanOrEqual(1);
    expect(answers).toBeLessThanOrEqual(LOBBY_FILTER.burst + 1);
    expect(listed).toBeLessThanOrEqual((LOBBY_FILTER.burst + 1) * 3);
    const room = server.serverRoom<ChatLobbyRoom>(lobby.roomId);
    expect(room.guard.stats.rejected).toBeGreaterThanOrEqual(20);
  });

  it("refuses an unchanged filter with a named reason, and answers a changed one", async () => {
    server = await startTestServer();
    rooms.push(await server.client().create(RoomName.Arena, joinOptions("host")));
    const lobby = await server.client().joinOrCreate(RoomName.Lobby, joinOptions("browser"));
    rooms.push(lobby);
    const first = nextMessage<unknown[]>(lobby, "rooms");
    lobby.send("filter", { name: RoomName.Arena });
    expect((await first).length).toBe(1);
    const refused = nextMessage<{ reason: string; detail: string }>(lobby, Msg.Rejected);
    lobby.send("filter", { name: RoomName.Arena });
    expect(await refused).toEqual({ reason: RejectReason.FilterRateLimited, detail: "filter: the filter has not changed" });
    const other = nextMessage<unknown[]>(lobby, "rooms");
    lobby.send("filter", { name: "connect4" });
    expect((await other).length).toBe(0);
  });
});
