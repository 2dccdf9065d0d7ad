/**
 * The load generator's bare-WebSocket client against a real server: it must join as the
 * SDK does and its pre-built input frames must drive a player, or the benchmark would
 * measure a server that ignores most of its clients.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFrames } from "../../bench/load/frames.ts";
import { RawClient, reserveSeat, type Traffic } from "../../bench/load/RawClient.ts";
import { Histogram } from "../../bench/load/Histogram.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe("load client", () => {
  it("joins an arena over a bare WebSocket and moves its player with pre-built frames", async () => {
    const traffic: Traffic = { bytesIn: 0, framesIn: 0, bytesOut: 0, framesOut: 0 };
    const seat = await reserveSeat(server.url, { create: "arena" }, "load-0");
    const raw = await RawClient.connect(server.url, seat, traffic, new Histogram());
    expect(raw.fullStateBytes).toBeGreaterThan(0);

    // An SDK client in the same room watches the raw client's player.
    const watcher = await server.client().joinById(seat.roomId, { name: "watcher", protocol: 1 });
    const world = server.serverRoom<ArenaRoom>(seat.roomId).game.world;
    Object.assign(world.players.get(seat.sessionId)!, { x: 300, y: 600 });
    await untilState(watcher, () => watcher.state.players?.get(seat.sessionId)?.x === 300);

    const [right] = buildFrames("arena", [{ dx: 1, dy: 0, aim: 0, fire: false }]);
    const timer = setInterval(() => raw.send(right!), 1000 / 60);
    try {
      await untilState(watcher, () => watcher.state.players.get(seat.sessionId)!.x > 340);
    } finally {
      clearInterval(timer);
    }
    expect(watcher.state.players.get(seat.sessionId)!.y).toBe(600);
    expect(traffic.bytesIn).toBeGreaterThan(raw.fullStateBytes);
    raw.close();
    await watcher.leave();
  });
});
