/**
 * Graceful shutdown of the real server process (server/start.mjs, as `npm start` runs it):
 * on SIGTERM matchmaking stops placing players, players are warned and keep playing for
 * SHUTDOWN_GRACE_SECONDS, then every room closes with CloseCode.ServerRestarting and a
 * reason, and the process exits 0.
 */
import { Client, type Room } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { RESTART_REASON } from "../../server/shutdown.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import type { ChatLine } from "../../shared/chat.ts";
import { CloseCode, JoinError, Msg, RoomName } from "../../shared/protocol.ts";
import { logLine, startApp } from "../e2e/helpers/app.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";

const closed = (room: Room) => new Promise<{ code: number; reason?: string }>((resolve) => room.onLeave.once((code: number, reason?: string) => resolve({ code, reason })));
const announced = (room: Room, pattern: RegExp) => new Promise<ChatLine>((resolve) => room.onMessage(Msg.Chat, (line: ChatLine) => pattern.test(line.text) && resolve(line)));

describe("graceful shutdown on SIGTERM", () => {
  it("drains matchmaking, warns players, closes rooms with ServerRestarting after the grace period, exits 0", async () => {
    const app = await startApp({ SHUTDOWN_GRACE_SECONDS: "2" });
    try {
      const sdk = new Client(app.url);
      const a = await sdk.joinOrCreate<ArenaState>(RoomName.Arena, joinOptions("alice"));
      const b = await sdk.joinById<ArenaState>(a.roomId, joinOptions("bob"));
      const c = await sdk.create("connect4", joinOptions("carol"));
      for (const r of [a, b, c]) r.onMessage("*", () => undefined);
      await untilState(b, () => b.state.players?.size === 2);
      const ends = [a, b, c].map(closed);
      const warned = [announced(a, /server restarts in 2 seconds/), announced(c, /server restarts in 2 seconds/)];

      process.kill(app.pid, "SIGTERM");
      await Promise.all(warned);
      // 1. Draining: no one new is placed, with a clear error.
      await expect(new Client(app.url).joinOrCreate(RoomName.Arena, joinOptions("late"))).rejects.toMatchObject({ code: JoinError.ServerDraining, message: expect.stringMatching(/restarting/) });
      // 3. The grace period: the arena keeps playing.
      const tick = a.state.tick;
      await untilState(a, () => a.state.tick > tick + 5);
      // 2. Then everyone is told the server is restarting, with a code and a reason.
      for (const end of await Promise.all(ends)) expect(end).toEqual({ code: CloseCode.ServerRestarting, reason: RESTART_REASON });
      // 4. The process exits 0.
      expect(await app.exited).toBe(0);
      expect(app.log.join("")).toMatch(logLine("draining", { rooms: 2, players: 3, graceSeconds: 2 }));
    } finally {
      await app.stop();
    }
  }, 60_000);
});
