/**
 * A spectator watching an arena room over the HTTP fallback (streamed and long-polled), with a
 * real SDK client on the client's TransportClient forced onto the fallback: it gets the delayed
 * tick log and sees the player move, as a WebSocket spectator does (test/server/spectate.test.ts).
 */
import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RoomName } from "../../shared/protocol.ts";
import { TransportClient, transportOf } from "../../game/net/transport/TransportClient.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { joinArena } from "../helpers/arenaJoin.ts";
import { streamIntents } from "../helpers/intents.ts";
import { untilFeed, watch } from "../helpers/spectator.ts";
import { leaveAll, startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const open: Room[] = [];

beforeAll(async () => {
  server = await startTestServer({ SPECTATOR_DELAY_SECONDS: "1" });
});
afterEach(() => leaveAll(open));
afterAll(() => server.stop());

describe.each(["stream", "poll"] as const)("a spectator over the HTTP fallback (%s)", (downMode) => {
  it("watches an arena match a delay behind, in no player seat, and sees the player move", async () => {
    const player = await joinArena(server, open, `mover-${downMode}`);
    const w = await watch(new TransportClient(server.url, { force: "fallback", downMode }), open, player.roomId, `fan-${downMode}`);
    expect(transportOf(w.room)?.kind).toBe("fallback");
    const room = server.serverRoom<ArenaRoom>(player.roomId);
    expect(room.seats.get(w.room.sessionId)?.role).toBe("spectator");
    expect(room.state.players.has(w.room.sessionId)).toBe(false);
    expect(w.feed.replay.log.header).toMatchObject({ roomType: RoomName.Arena, matchId: player.roomId });

    await untilFeed(w, () => w.feed.replay.state.players.get(player.sessionId)?.alive === true);
    const spawnX = w.feed.replay.state.players.get(player.sessionId)!.x;
    const dx = spawnX < w.feed.replay.map.width / 2 ? 1 : -1;
    const stop = streamIntents(player, () => ({ dx }));
    try {
      await untilFeed(w, () => w.feed.replay.state.players.get(player.sessionId)!.x !== spawnX);
      expect(Math.sign(w.feed.replay.state.players.get(player.sessionId)!.x - spawnX)).toBe(dx);
    } finally {
      stop();
    }
  });
});
