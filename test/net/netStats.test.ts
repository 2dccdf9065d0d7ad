/**
 * What the debug overlay shows, measured through a real network conditioner at a 150 ms round
 * trip: its RTT is the network's round trip (a protocol ping), not the SDK's intent-to-ack time,
 * which adds the batch hold, the wait in the server's input buffer and the wait for the next
 * patch (that was the overlay's 150–250 ms on loopback). The server's own figures (its ping,
 * our intents' delay) arrive in the NetReport; the interpolation delay is the adaptive one.
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArenaClient } from "../../game/net/ArenaClient.ts";
import { MAX_INTERPOLATION_DELAY_MS, MIN_INTERPOLATION_DELAY_MS } from "../../game/net/InterpolationDelay.ts";
import { overlayLines } from "../../game/ui/DebugOverlay.ts";
import { startNetConditioner, type NetConditioner } from "../../server/dev/NetConditioner.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";
import { eventually, leaveAll } from "../helpers/chaos.ts";

const ONE_WAY_MS = 75;
const link = { latencyMs: ONE_WAY_MS, jitterMs: 0, loss: 0, lossBurst: 1, kbps: 0 };

let server: TestServer;
let net: NetConditioner;
const rooms: Room[] = [];
beforeAll(async () => {
  server = await startTestServer();
  net = await startNetConditioner({ target: { port: server.port }, seed: 18, conditions: { up: link, down: link } });
});
afterAll(async () => {
  await leaveAll(rooms);
  await net.close();
  await server.stop();
});

describe("the debug overlay's figures at a 150 ms round trip", () => {
  it("shows the network round trip, the server's intent delay and the interpolation delay", async () => {
    const room = await new Client(net.url).create<ArenaState>("arena", joinOptions("overlay"));
    rooms.push(room);
    await untilState(room, () => room.state.players?.get(room.sessionId) !== undefined);
    const arena = new ArenaClient(room);
    const frames = setInterval(() => arena.frame(performance.now(), { dx: 0, dy: 0, aim: 0, fire: false }), 16);
    try {
      // Pings every second; the server's report comes with its probe every two.
      await eventually(() => {
        const s = arena.stats.snapshot(room.state.tick);
        return s.rttMs > 0 && s.serverRttMs > 0 && s.intentDelayMaxMs > 0;
      }, "a ping, a server report and timed intents", 1500);
      const s = arena.stats.snapshot(room.state.tick);
      // The conditioner holds each direction for ONE_WAY_MS: no round trip is shorter.
      expect(s.rttMs).toBeGreaterThanOrEqual(2 * ONE_WAY_MS);
      expect(s.serverRttMs).toBeGreaterThanOrEqual(2 * ONE_WAY_MS);
      // The intent-to-ack time has the network in it too, and more besides.
      expect(s.intentAckMs).toBeGreaterThanOrEqual(2 * ONE_WAY_MS);
      expect(s.interpolationMs).toBeGreaterThanOrEqual(MIN_INTERPOLATION_DELAY_MS);
      expect(s.interpolationMs).toBeLessThanOrEqual(MAX_INTERPOLATION_DELAY_MS);
      expect(arena.stats.totals.frames).toBeGreaterThan(0);
      const lines = overlayLines(s).join("\n");
      expect(lines).toContain(`RTT            ${s.rttMs} ms (server ${s.serverRttMs} ms)`);
      expect(lines).toMatch(/intent delay   [\d.]+ ms p50, [\d.]+ max, buffer \d+/);
      expect(lines).toMatch(/interpolation  \d+ ms, [\d.]+ % held/);
      expect(lines).toMatch(/corrections    \d+\/min/);
      expect(lines).toMatch(/stalls         \d+\/min, longest \d+ ms/);
    } finally {
      clearInterval(frames);
      arena.stats.stop();
    }
  });
});
