/**
 * Sending intents faster than the input rate (or replaying them) does not make a player
 * faster: beyond one intent per tick, extra ones are applied only to catch up after a hitch
 * (a full buffer's worth), then at INPUT_CATCHUP_SHARE of the tick rate.
 */
import type { Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { IntentInput } from "../../shared/arena/input.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { PLAYER_SPEED } from "../../shared/arena/tuning.ts";
import { INPUT_BUFFER_CAP, INPUT_CATCHUP_SHARE, INPUT_INTERVAL_MS, INPUT_RATE, SUBSTEPS, TICK_RATE } from "../../shared/constants.ts";
import { RoomName } from "../../shared/protocol.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ MAX_MESSAGES_PER_SECOND: "1000" });
});
afterAll(async () => {
  await server.stop();
});

const START_X = 40;
const LANE_Y = 420;
/** Distance one intent moves a player: SUBSTEPS simulation steps at PLAYER_SPEED. */
const STEP_PX = (PLAYER_SPEED * SUBSTEPS) / TICK_RATE;

/** Intents taken off this client's buffer so far: applied, or dropped by its cap. */
const consumed = (room: ArenaRoom, sessionId: string): number => room.inputs!.get(sessionId).consumedCount;

function stream(room: Room, perInterval: number): () => void {
  const input = room.input({ type: IntentInput, mode: "reliable" });
  const timer = setInterval(() => {
    for (let i = 0; i < perInterval; i++) {
      Object.assign(input.data, { dx: 1, dy: 0, aim: 0, fire: false });
      input.send();
    }
  }, INPUT_INTERVAL_MS);
  return () => clearInterval(timer);
}

describe("input pace", () => {
  it("applies at most one intent per tick, plus a bounded catch-up, to a client sending four times the rate", async () => {
    const cheat = await server.client().create<ArenaState>(RoomName.Arena, joinOptions("cheat"));
    const room = server.serverRoom<ArenaRoom>(cheat.roomId);
    await untilState(cheat, () => cheat.state.players?.get(cheat.sessionId)?.alive === true);
    // A clear lane on Foundry: y = 420 runs wall to wall with nothing in the way.
    const sim = room.game.world.players.get(cheat.sessionId)!;
    Object.assign(sim, { x: START_X, y: LANE_Y });
    const stop = stream(cheat, 4);
    const tick0 = room.state.tick;
    await untilState(cheat, () => cheat.state.tick > tick0 + INPUT_RATE * SUBSTEPS * 2, 1000);
    stop();
    const ticks = (room.state.tick - tick0) / SUBSTEPS;
    const applied = (sim.x - START_X) / STEP_PX;
    expect(sim.y).toBe(LANE_Y);
    // Without the pace it is about 2 per tick (the catch-up path, always on).
    expect(applied).toBeLessThanOrEqual(ticks * (1 + INPUT_CATCHUP_SHARE) + INPUT_BUFFER_CAP + 2);
    expect(applied).toBeGreaterThan(ticks * 0.5);
    await cheat.leave(true);
  });

  it("still drains a burst sent after a hitch", async () => {
    const a = await server.client().create<ArenaState>(RoomName.Arena, joinOptions("hitchy"));
    const room = server.serverRoom<ArenaRoom>(a.roomId);
    await untilState(a, () => a.state.players?.has(a.sessionId) === true);
    const input = a.input({ type: IntentInput, mode: "reliable" });
    const before = consumed(room, a.sessionId);
    for (let i = 0; i < INPUT_BUFFER_CAP - 1; i++) {
      Object.assign(input.data, { dx: i % 2, dy: 0, aim: 0, fire: false });
      input.send();
    }
    const tick0 = room.state.tick;
    await untilState(a, () => consumed(room, a.sessionId) - before >= INPUT_BUFFER_CAP - 1);
    // Two per tick while backed up: well under one tick per intent.
    expect((room.state.tick - tick0) / SUBSTEPS).toBeLessThan(INPUT_BUFFER_CAP - 1);
    await a.leave(true);
  });
});
