import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { Phase } from "../../shared/arena/round.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { Msg, type GameEvent } from "../../shared/protocol.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ARENA_ROUND_SECONDS: "1", ARENA_INTERMISSION_SECONDS: "1" });
});
afterAll(async () => {
  await server.stop();
});

describe("the round lifecycle in a real room", () => {
  it("shows the intermission with the round's scores, then starts the next round by itself", async () => {
    const a = await server.client().create<ArenaState>("arena", joinOptions("alice"));
    const events: GameEvent[] = [];
    a.onMessage(Msg.Event, (e: GameEvent) => events.push(e));
    await untilState(a, () => a.state.players?.get(a.sessionId) !== undefined);
    const room = server.serverRoom<ArenaRoom>(a.roomId);
    room.game.world.players.get(a.sessionId)!.score = 2;

    await untilState(a, () => a.state.phase === Phase.Intermission);
    expect(a.state.players.get(a.sessionId)!.score).toBe(2);
    await untilState(a, () => a.state.phase === Phase.Playing && a.state.round === 2);
    expect(a.state.players.get(a.sessionId)!.score).toBe(0);
    expect(events).toContainEqual({ type: "round_end", round: 1 });
    expect(events).toContainEqual({ type: "round_start", round: 2 });
    await a.leave();
  });
});
