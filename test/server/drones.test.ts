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
    // A client holds only the drones near it (interest management), a subset of the 50.
    await untilState(a, () => (a.state.drones?.length ?? 0) > 0);
    const world = server.serverRoom<ArenaRoom>(a.roomId).game.world;
    const mine = { x: 0, y: 0 };
    const theirs = { x: 0, y: 0 };
    for (let i = 0; i < 10; i++) {
      await nextPatch(a);
      const tick = a.state.tick;
      let compared = 0;
      a.state.drones.forEach((d) => {
        // The client's array is its own subset, so find the server's drone by its last turn;
        // one that turned after this patch was encoded has newer fields and is skipped.
        const truth = world.drones.find((s) => s.since === d.since && s.dir === d.dir);
        if (!truth) return;
        dronePosition(d, tick, mine);
        dronePosition(truth, tick, theirs);
        expect(mine.x).toBe(theirs.x);
        expect(mine.y).toBe(theirs.y);
        compared++;
      });
      expect(compared).toBeGreaterThan(a.state.drones.length / 2);
    }
    await a.leave();
  });
});
