/**
 * Intents travel INPUT_BATCH to a frame (game/net/intentInput.ts): fewer frames for the server
 * to read, and every intent still applied exactly once, in order.
 */
import { Protocol } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { batchFrames, openIntentInput } from "../../game/net/intentInput.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { FIXED_DT, INPUT_BATCH, INPUT_INTERVAL_MS, SUBSTEPS } from "../../shared/constants.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { PLAYER_SPEED } from "../../shared/arena/tuning.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

describe("batchFrames", () => {
  const sink = () => {
    const sent: number[][] = [];
    const conn = { isOpen: true, send: (d: Uint8Array) => sent.push([...d]), sendUnreliable: (_d: Uint8Array) => undefined };
    return { conn, sent };
  };

  it("transmits every batch-th frame, and a held one alone once the sender stops", () => {
    vi.useFakeTimers();
    try {
      const { conn, sent } = sink();
      batchFrames(conn, 3);
      const frame = new Uint8Array(1);
      for (let i = 1; i <= 7; i++) {
        frame[0] = i; // the SDK reuses one buffer: what was held must be a copy
        conn.sendUnreliable(frame);
      }
      expect(sent).toEqual([[3], [6]]);
      vi.advanceTimersByTime(INPUT_INTERVAL_MS);
      expect(sent).toHaveLength(2); // still waiting for more intents
      vi.advanceTimersByTime(INPUT_INTERVAL_MS);
      expect(sent).toEqual([[3], [6], [7]]);
      conn.sendUnreliable(Uint8Array.of(8));
      conn.sendUnreliable(Uint8Array.of(9));
      expect(sent).toEqual([[3], [6], [7]]);
      conn.sendUnreliable(Uint8Array.of(10)); // counting restarted after the lone frame
      expect(sent).toEqual([[3], [6], [7], [10]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("drops a held frame when the connection closed meanwhile", () => {
    vi.useFakeTimers();
    try {
      const { conn, sent } = sink();
      batchFrames(conn, 2);
      conn.sendUnreliable(Uint8Array.of(1));
      conn.isOpen = false;
      vi.advanceTimersByTime(INPUT_INTERVAL_MS * 2);
      expect(sent).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("batched intents against a real server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("applies every intent exactly once while sending a frame per INPUT_BATCH intents", async () => {
    expect(INPUT_BATCH).toBeGreaterThan(1);
    const room = await server.client().create<ArenaState>("arena", joinOptions("batcher"));
    const srv = server.serverRoom<ArenaRoom>(room.roomId);
    await untilState(room, () => room.state.players?.get(room.sessionId) !== undefined);
    Object.assign(srv.game.world.players.get(room.sessionId)!, { x: 300, y: 600 });
    await untilState(room, () => room.state.players.get(room.sessionId)!.x === 300);

    let inputFrames = 0;
    const conn = room.connection as unknown as { send(d: Uint8Array): void };
    const send = conn.send.bind(conn);
    conn.send = (d) => {
      if ((d[0]! & 0x1f) === Protocol.ROOM_INPUT_UNRELIABLE) inputFrames++;
      send(d);
    };
    const input = openIntentInput(room);
    const intents = 20; // open floor to the right of (300, 600): 150 px
    let sent = 0;
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        Object.assign(input.data, { dx: 1, dy: 0, aim: 0, fire: false });
        input.send();
        if (++sent === intents) {
          clearInterval(timer);
          done();
        }
      }, INPUT_INTERVAL_MS);
    });
    await untilState(room, () => input.pendingCount === 0);

    expect(inputFrames).toBe(intents / INPUT_BATCH);
    expect(input.lastProcessed).toBe(intents);
    const player = srv.game.world.players.get(room.sessionId)!;
    expect(player.x).toBe(300 + intents * SUBSTEPS * PLAYER_SPEED * FIXED_DT);
    expect(player.y).toBe(600);
    await room.leave();
  });
});
