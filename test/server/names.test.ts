/**
 * Names players could mistake for someone else: two seats of one room are never called the
 * same (ignoring case), and the names the system speaks under are refused at join.
 */
import type { Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { reservedNameProblem, seatName } from "../../shared/names.ts";
import { JoinError, RoomName } from "../../shared/protocol.ts";
import { joinOptions, startTestServer, untilState, type TestServer, leaveAll } from "../helpers/testServer.ts";

let server: TestServer | undefined;
const rooms: Room[] = [];
afterEach(async () => {
  await leaveAll(rooms);
  await server?.stop();
  server = undefined;
});

describe("seat names", () => {
  it("numbers a name already seated, ignoring case, within the length limit", () => {
    expect(seatName("alice", [])).toBe("alice");
    expect(seatName("alice", ["Alice"])).toBe("alice 2");
    expect(seatName("ALICE", ["alice", "alice 2"])).toBe("ALICE 3");
    expect(seatName("abcdefghijklmnop", ["ABCDEFGHIJKLMNOP"])).toBe("abcdefghijklmn 2");
  });

  it("reserves the system's names, ignoring case, spaces, _ and -", () => {
    for (const n of ["System", "SYS tem", "ad_min", "Server", "mod"]) expect(reservedNameProblem(n), n).toMatch(/is reserved/);
    expect(reservedNameProblem("Systemic")).toBeUndefined();
  });

  it("in a room, a second Alice sits as alice 2 and both see the difference", async () => {
    server = await startTestServer();
    const a = await server.client().create<ArenaState>(RoomName.Arena, joinOptions("Alice"));
    rooms.push(a);
    const b = await server.client().joinById<ArenaState>(a.roomId, joinOptions("alice"));
    rooms.push(b);
    await untilState(a, () => a.state.players?.size === 2);
    const names = [...a.state.players.values()].map((p) => p.name).sort();
    expect(names).toEqual(["Alice", "alice 2"]);
  });

  it("refuses a join as System with a message saying why", async () => {
    server = await startTestServer();
    await expect(server.client().joinOrCreate(RoomName.Arena, joinOptions("System"))).rejects.toMatchObject({ code: JoinError.InvalidOptions, message: expect.stringMatching(/"System" is reserved/) });
    await expect(server.client().joinOrCreate(RoomName.Lobby, joinOptions("admin"))).rejects.toMatchObject({ code: JoinError.InvalidOptions });
  });
});
