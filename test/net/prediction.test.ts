/**
 * Prediction and reconciliation against a real server with simulated latency:
 * the client's predicted position must agree with the server's once its inputs are acked.
 */
import type { Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArenaClient } from "../../game/net/ArenaClient.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { FIXED_DT_MS } from "../../shared/constants.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import type { Intent } from "../../shared/arena/world.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

const LATENCY_MS = 60;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({}, LATENCY_MS);
});
afterAll(async () => {
  await server.stop();
});

/** Drive the client like a render loop at ~60 fps with a scripted intent. */
function drive(client: ArenaClient, intent: () => Intent): () => void {
  const timer = setInterval(() => client.frame(performance.now(), intent()), FIXED_DT_MS);
  return () => clearInterval(timer);
}

/** Join, place the player on open floor at (300, 600), then start the client netcode. */
async function joinClient(): Promise<{ room: Room<ArenaState>; client: ArenaClient; server: ArenaRoom }> {
  const room = await server.client().create<ArenaState>("arena", joinOptions("predictor"));
  const srv = server.serverRoom<ArenaRoom>(room.roomId);
  await untilState(room, () => room.state.players?.get(room.sessionId) !== undefined);
  Object.assign(srv.game.world.players.get(room.sessionId)!, { x: 300, y: 600 });
  await untilState(room, () => room.state.players.get(room.sessionId)!.x === 300);
  return { room, client: new ArenaClient(room), server: srv };
}

/** Wait (on patches) until the server has acked every intent the client sent. */
async function untilAcked(room: Room<ArenaState>): Promise<void> {
  const input = room.input();
  await untilState(room, () => input.pendingCount === 0 && input.sentCount > 0);
}

describe("client prediction", () => {
  it("agrees with the server after its inputs are acked, without corrections, under latency", async () => {
    const { room, client, server: srv } = await joinClient();

    // Move in a square-ish path through open floor, changing direction every ~20 ticks.
    let frame = 0;
    const path: Array<[number, number]> = [[1, 0], [0, 1], [-1, 0], [0, -1], [1, 1]];
    const stop = drive(client, () => {
      const [dx, dy] = path[Math.floor(frame++ / 20) % path.length]!;
      return { dx, dy, aim: 0.5, fire: false };
    });
    await untilState(room, () => room.input().sentCount > 100);
    // While moving, the prediction leads the server by about one round trip.
    const lead = client.predictedPosition()!;
    const truthNow = srv.game.world.players.get(room.sessionId)!;
    expect(Math.hypot(lead.x - truthNow.x, lead.y - truthNow.y)).toBeGreaterThan(0);
    stop();
    await untilAcked(room);

    const predicted = client.predictedPosition()!;
    const truth = srv.game.world.players.get(room.sessionId)!;
    expect(predicted.x).toBeCloseTo(truth.x, 2);
    expect(predicted.y).toBeCloseTo(truth.y, 2);
    expect(client.stats.corrections.total).toBe(0);
    await room.leave();
  });

  it("converges on the server's position when the server disagrees (a server-side teleport)", async () => {
    const { room, client, server: srv } = await joinClient();
    let teleported = false;
    const stop = drive(client, () => ({ dx: 1, dy: 0, aim: 0, fire: false }));
    await untilState(room, () => room.input().sentCount > 30);
    // The server moves the player behind the client's back: the client must follow it.
    Object.assign(srv.game.world.players.get(room.sessionId)!, { x: 1000, y: 300 });
    teleported = true;
    await untilState(room, () => room.input().sentCount > 60);
    stop();
    await untilAcked(room);
    const predicted = client.predictedPosition()!;
    const truth = srv.game.world.players.get(room.sessionId)!;
    expect(teleported).toBe(true);
    expect(truth.x).toBeGreaterThan(1000);
    expect(predicted.x).toBeCloseTo(truth.x, 2);
    expect(predicted.y).toBeCloseTo(truth.y, 2);
    expect(client.stats.corrections.total).toBeGreaterThan(0);
    await room.leave();
  });
});
