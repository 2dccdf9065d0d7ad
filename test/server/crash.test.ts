/**
 * Crash isolation: an exception in one room's tick, message handler or pre-patch hook
 * closes that room with CloseCode.RoomCrashed and a reason, and every other room
 * (another of the same type, an arena) keeps running. The throwing room type exists only
 * in tests (test/helpers/crashyRoomType.ts).
 */
import type { Room } from "@colyseus/sdk";
import { matchMaker } from "colyseus";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { CloseCode, RoomName } from "../../shared/protocol.ts";
import { ARM, CRASHY_ROOM, crashyRoomType, type Bomb } from "../helpers/crashyRoomType.ts";
import { joinOptions, nextPatch, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const open: Room[] = [];

beforeAll(async () => {
  server = await startTestServer({}, 0, [crashyRoomType]);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => (r.connection.isOpen ? r.leave(true).catch(() => undefined) : undefined)));
});
afterAll(async () => {
  await server.stop();
});

interface Crashy {
  ticks: number;
}

async function track<T extends Room>(room: Promise<T>): Promise<T> {
  const r = await room;
  r.reconnection.enabled = false;
  open.push(r);
  return r;
}

const closed = (room: Room) => new Promise<{ code: number; reason?: string }>((resolve) => room.onLeave.once((code: number, reason?: string) => resolve({ code, reason })));

describe("crash isolation", () => {
  it.each<Bomb>(["tick", "message", "patch"])("an exception in the %s closes that room only, telling its players why", async (bomb) => {
    const a1 = await track(server.client().create<Crashy>(CRASHY_ROOM, joinOptions("a1")));
    const a2 = await track(server.client().joinById<Crashy>(a1.roomId, joinOptions("a2")));
    const b = await track(server.client().create<Crashy>(CRASHY_ROOM, joinOptions("b")));
    const arena = await track(server.client().create<ArenaState>(RoomName.Arena, joinOptions("c")));
    await untilState(b, () => b.state.ticks > 0);
    const ends = [closed(a1), closed(a2)];

    a1.send(ARM, bomb);
    for (const end of await Promise.all(ends)) {
      expect(end.code).toBe(CloseCode.RoomCrashed);
      expect(end.reason).toMatch(/the room hit an error and closed/);
    }
    // The crashed room is gone from the matchmaker; the others still tick.
    expect(await matchMaker.query({ roomId: a1.roomId })).toHaveLength(0);
    const [bTicks, arenaTick] = [b.state.ticks, arena.state.tick];
    await untilState(b, () => b.state.ticks > bTicks + 3);
    await untilState(arena, () => arena.state.tick > arenaTick + 3);
    // Its players can play again at once, in a new room.
    const again = await track(server.client().joinOrCreate<Crashy>(CRASHY_ROOM, joinOptions("a1")));
    await nextPatch(again);
    expect(again.roomId).not.toBe(a1.roomId);
  });
});
