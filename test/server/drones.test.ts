import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { dronePosition } from "../../shared/arena/drones.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { joinOptions, nextPatch, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ARENA_DRONES: "50" });
});
afterAll(async () => {
  await server.stop();
});

describe("drones in a real room", () => {
  it("reach clients exactly: positions computed from the synced fields match the server's", async () => {
    const a = await server.client().create<ArenaState>("arena", joinOptions("alice"));
    await untilState(a, () => a.state.drones?.length === 50);
    const world = server.serverRoom<ArenaRoom>(a.roomId).game.world;
    const mine = { x: 0, y: 0 };
    const theirs = { x: 0, y: 0 };
    for (let i = 0; i < 10; i++) {
      await nextPatch(a);
      const tick = a.state.tick;
      let compared = 0;
      a.state.drones.forEach((d, k) => {
        const truth = world.drones[k]!;
        // A drone that turned after this patch was encoded has newer fields on the server.
        if (truth.since !== d.since) return;
        dronePosition(d, tick, mine);
        dronePosition(truth, tick, theirs);
        expect(mine.x).toBe(theirs.x);
        expect(mine.y).toBe(theirs.y);
        compared++;
      });
      expect(compared).toBeGreaterThan(40);
    }
    await a.leave();
  });
});
