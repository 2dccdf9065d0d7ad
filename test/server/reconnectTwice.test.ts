/**
 * A second drop within a round trip of a reconnect: the server has sent the player back in,
 * but has not yet heard the client confirm it. Colyseus refuses to hold such a seat ("not
 * joined") and frees it; the kit holds it anyway (server/kit/KitRoom.ts, holdUnconfirmed).
 * Found by the seeded chaos test (seed 2269199516); here made certain by a slow uplink.
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNetConditioner, type NetConditioner } from "../../server/dev/NetConditioner.ts";
import { NET_PRESETS } from "../../server/dev/netPresets.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { RoomName } from "../../shared/protocol.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
let net: NetConditioner;
beforeAll(async () => {
  server = await startTestServer({ RECONNECT_SECONDS: "20" });
  net = await startNetConditioner({ target: { port: server.port }, seed: 3 });
});
afterAll(async () => {
  await net.close();
  await server.stop();
});

/** Resolve on the SDK's next reconnect; fail (not hang) if it gives up and leaves. */
const backInSeat = (room: Room): Promise<void> =>
  new Promise((resolve, reject) => {
    room.onReconnect.once(() => resolve());
    room.onLeave.once((code: number) => reject(new Error(`left with code ${code} instead of reconnecting`)));
  });

describe("a drop right after a reconnect", () => {
  it("still holds the seat, and the player comes back to it again", async () => {
    const room = await new Client(net.url).create<ArenaState>(RoomName.Arena, joinOptions("twice"));
    room.reconnection.minUptime = 0;
    await untilState(room, () => room.state.players?.get(room.sessionId)?.connected === true);
    const host = server.serverRoom<{ state: ArenaState }>(room.roomId);

    // A slow uplink: the client's confirmation of its reconnect takes 400 ms to reach the server.
    net.set({ up: { ...NET_PRESETS.off.up, latencyMs: 400 }, down: NET_PRESETS.off.down });
    const first = backInSeat(room);
    net.dropWebSockets();
    await first;
    // The client is back; its confirmation is still on the wire. Drop again, now.
    const second = backInSeat(room);
    expect(net.dropWebSockets()).toBe(1);
    await second;
    net.set(NET_PRESETS.off);
    await untilState(room, () => room.state.players.get(room.sessionId)?.connected === true);
    expect([...host.state.players.keys()]).toEqual([room.sessionId]);
    await room.leave(true);
  });
});
