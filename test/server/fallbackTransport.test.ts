/**
 * The HTTP fallback transport at the protocol level: real servers, real SDK clients using the
 * client's TransportClient forced onto the fallback (streamed and long-polled), beside plain
 * WebSocket clients in the same room. Bad input is in fallbackAbuse.test.ts.
 */
import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Disc } from "../../shared/connect4/board.ts";
import { CONNECT4_ROOM, Connect4Msg, TURN_SECONDS } from "../../shared/connect4/protocol.ts";
import type { Connect4State } from "../../shared/connect4/schema.ts";
import { CloseCode, Msg } from "../../shared/protocol.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { TransportClient, transportOf } from "../../game/net/transport/TransportClient.ts";
import type { DownMode } from "../../game/net/transport/HttpFallbackTransport.ts";
import { seated, filled, type C4 } from "../helpers/connect4Seats.ts";
import { joinOptions, leaveAll, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const open: Room[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => leaveAll(open));
afterAll(() => server.stop());

const fallbackClient = (downMode: DownMode) => new TransportClient(server.url, { force: "fallback", downMode });

/** Play a column and wait until every player sees the disc (the fallback's frames take their own path). */
async function play(room: C4, column: number, everyone: C4[] = [room]): Promise<void> {
  const after = filled(room) + 1;
  room.send(Connect4Msg.Drop, { column });
  await Promise.all(everyone.map((r) => untilState(r, () => filled(r) >= after)));
}

describe.each(["stream", "poll"] as const)("the HTTP fallback (%s)", (downMode) => {
  it("plays Connect Four to a win against a WebSocket player, and both see the same board", async () => {
    const options = { ...joinOptions("alice"), turnSeconds: TURN_SECONDS.max };
    const red = await seated(await fallbackClient(downMode).create<Connect4State>(CONNECT4_ROOM, options), open);
    expect(transportOf(red)?.kind).toBe("fallback");
    const yellow = await seated(await server.client().joinById<Connect4State>(red.roomId, { ...joinOptions("bob") }), open);
    await Promise.all([red, yellow].map((r) => untilState(r, () => r.state.status === "playing")));
    for (const [room, column] of [[red, 0], [yellow, 1], [red, 0], [yellow, 1], [red, 0], [yellow, 1]] as const) await play(room, column, [red, yellow]);
    red.send(Connect4Msg.Drop, { column: 0 });
    await Promise.all([red, yellow].map((r) => untilState(r, () => r.state.status === "over")));
    expect(red.state.winner).toBe(Disc.Red);
    expect([...red.state.board]).toEqual([...yellow.state.board]);
  });

  it("reconnects to the same seat after the connection drops", async () => {
    const red = await seated(await fallbackClient(downMode).create<Connect4State>(CONNECT4_ROOM, { ...joinOptions("carol"), turnSeconds: TURN_SECONDS.max }), open);
    red.reconnection.minUptime = 0;
    const seat = red.sessionId;
    const rejoined = new Promise<void>((resolve) => red.onReconnect(() => resolve()));
    // What a network drop looks like to the client: the transport fails with 1006.
    transportOf(red)!.close(1006, "test drop");
    await rejoined;
    expect(red.sessionId).toBe(seat);
    expect(transportOf(red)?.kind).toBe("fallback");
    const yellow = await seated(await server.client().joinById<Connect4State>(red.roomId, joinOptions("dave")), open);
    await untilState(red, () => red.state.status === "playing");
    await play(red, 3, [red, yellow]);
  });

  it("reconnects at once after a drop the server never heard of (the old stream still looks open)", async () => {
    const red = await seated(await fallbackClient(downMode).create<Connect4State>(CONNECT4_ROOM, { ...joinOptions("gina"), turnSeconds: TURN_SECONDS.max }), open);
    red.reconnection.minUptime = 0;
    const seat = red.sessionId;
    const rejoined = new Promise<void>((resolve) => red.onReconnect(() => resolve()));
    // The client's side of the connection fails without a word to the server (no close request).
    (transportOf(red)!.current as unknown as { fail(e: Error): void }).fail(new Error("network gone"));
    await rejoined;
    expect(red.sessionId).toBe(seat);
    const yellow = await seated(await server.client().joinById<Connect4State>(red.roomId, joinOptions("hank")), open);
    await untilState(red, () => red.state.status === "playing");
    await play(red, 2, [red, yellow]);
  });

  it("leaves with consent: the room sees the seat go", async () => {
    const red = await seated(await fallbackClient(downMode).create<Connect4State>(CONNECT4_ROOM, { ...joinOptions("erin"), turnSeconds: TURN_SECONDS.max }), open);
    const yellow = await seated(await server.client().joinById<Connect4State>(red.roomId, joinOptions("frank")), open);
    await untilState(yellow, () => yellow.state.players.size === 2);
    const code = await red.leave(true);
    expect(code).toBe(4000);
    await untilState(yellow, () => yellow.state.players.size === 1 || yellow.state.status !== "playing");
    open.splice(open.indexOf(red), 1);
  });
});

describe("the HTTP fallback's close codes", () => {
  /** Kick a guest that joined with `sdk` from the owner's private arena; what its room heard as it left. */
  async function kicked(sdk: TransportClient | ReturnType<TestServer["client"]>): Promise<{ code: number; reason: string }> {
    const owner = await server.client().create<ArenaState>("arena", { ...joinOptions("owner"), private: true });
    open.push(owner);
    owner.onMessage("*", () => undefined);
    const guest = await sdk.joinById<ArenaState>(owner.roomId, joinOptions("guest"));
    guest.onMessage("*", () => undefined);
    await untilState(owner, () => owner.state.players?.size === 2);
    const left = new Promise<{ code: number; reason: string }>((resolve) => guest.onLeave.once((code: number, reason?: string) => resolve({ code, reason: reason ?? "" })));
    owner.send(Msg.Kick, { target: guest.sessionId });
    return left;
  }

  it("a kick reaches a fallback player with the same close code and message as a WebSocket player", async () => {
    const overWebSocket = await kicked(server.client());
    expect(overWebSocket.code).toBe(CloseCode.Kicked);
    expect(await kicked(fallbackClient("stream"))).toEqual(overWebSocket);
    expect(await kicked(fallbackClient("poll"))).toEqual(overWebSocket);
  });
});
