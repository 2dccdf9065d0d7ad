/**
 * Drops in the middle of reconnects, over and over, through the network conditioner. A drop
 * that lands after the server completed a reconnect but before its JOIN message reached the
 * client once lost the seat: the server had handed the seat a fresh token the client never
 * got, and refused the client's next attempt "seat reservation expired" (server/kit/SeatTokens.ts).
 * Seeded: the moments of the second drops repeat. SEED=<n> repeats another schedule.
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNetConditioner, type NetConditioner } from "../../server/dev/NetConditioner.ts";
import { NET_PRESETS } from "../../server/dev/netPresets.ts";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import { createRng, randomInt } from "../../shared/rng.ts";
import { eventually, leaveAll, pause } from "../helpers/chaos.ts";
import { joinOptions, startTestServer, type TestServer } from "../helpers/testServer.ts";

const ROUNDS = 20;
let server: TestServer;
let net: NetConditioner;
beforeAll(async () => {
  server = await startTestServer({ RECONNECT_SECONDS: "60" });
  net = await startNetConditioner({ target: { port: server.port }, seed: 7 });
});
afterAll(async () => {
  await net.close();
  await server.stop();
});

describe("a drop during a reconnect", () => {
  it("never costs the seat: the client comes back to it every time", async () => {
    const seed = Number(process.env.SEED ?? 1);
    const rng = createRng(seed);
    const room: Room = await new Client(net.url).create(CONNECT4_ROOM, joinOptions("again"));
    room.reconnection.minUptime = 0;
    room.reconnection.maxDelay = 400; // retry briskly, so the rounds stay short
    room.onMessage("*", () => undefined);
    const leaves: string[] = [];
    room.onLeave((code: number, reason?: string) => leaves.push(`${code} ${reason ?? ""}`));
    const host = server.serverRoom<{ seats: Map<string, unknown> }>(room.roomId);
    // A round trip long enough for a second drop to land inside an attempt.
    const slow = { ...NET_PRESETS.off.up, latencyMs: 60, jitterMs: 40 };
    net.set({ up: slow, down: slow });
    for (let round = 0; round < ROUNDS; round++) {
      net.dropWebSockets();
      await pause(150 + randomInt(rng, 400));
      net.dropWebSockets();
      await eventually(() => leaves.length > 0 || (room.connection.isOpen && !room.reconnection.isReconnecting), `round ${round} reconnected (seed ${seed})`);
      expect(leaves, `round ${round}, seed ${seed}`).toEqual([]);
    }
    expect([...host.seats.keys()]).toEqual([room.sessionId]);
    net.set(NET_PRESETS.off);
    await leaveAll([room]);
  }, 120_000);
});
