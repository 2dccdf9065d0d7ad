/**
 * Room options are checked by the real matchmaker before a room is created or joined:
 * every bad option is refused with JoinError.InvalidOptions and a message naming it, and
 * no room is created.
 */
import { matchMaker } from "colyseus";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TURN_SECONDS } from "../../shared/connect4/protocol.ts";
import { JoinError, PROTOCOL_VERSION, RoomName } from "../../shared/protocol.ts";
import { joinOptions, startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const open: Array<{ leave(consented?: boolean): Promise<unknown> }> = [];

beforeAll(async () => {
  server = await startTestServer({ ARENA_MAX_PLAYERS: "8" });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.leave(true).catch(() => undefined)));
});
afterAll(async () => {
  await server.stop();
});

const roomCount = async (): Promise<number> => (await matchMaker.query({})).length;

const base = { name: "alice", protocol: PROTOCOL_VERSION };
const BAD_ARENA: Array<[string, unknown, RegExp]> = [
  ["a name with markup", { ...base, name: "<b>x</b>" }, /name may hold only/],
  ["an old protocol", { ...base, protocol: PROTOCOL_VERSION + 1 }, /protocol/],
  ["an unknown map", { ...base, map: "atlantis" }, /map must be one of: foundry/],
  ["a prototype key as map", { ...base, map: "constructor" }, /map must be one of/],
  ["a map of the wrong type", { ...base, map: 3 }, /map must be one of/],
  ["zero seats", { ...base, maxPlayers: 0 }, /maxPlayers must be a whole number from/],
  ["one seat in the arena", { ...base, maxPlayers: 1 }, /from 2 to 8/],
  ["fractional seats", { ...base, maxPlayers: 2.5 }, /maxPlayers/],
  ["more seats than the host allows", { ...base, maxPlayers: 9 }, /from \d to 8/],
  ["seats as a string", { ...base, maxPlayers: "4" }, /maxPlayers/],
  ["another room's mode", { ...base, mode: "connect4" }, /mode must be "arena"/],
  ["private as a string", { ...base, private: "yes" }, /private must be true or false/],
  ["rated as a string", { ...base, private: true, rated: "no" }, /rated must be true or false/],
  ["an unrated public room", { ...base, rated: false }, /rated: false is only for a private room/],
  ["an unrated room marked not private", { ...base, private: false, rated: false }, /rated: false is only for a private room/],
  ["an unknown option", { ...base, turnSeconds: 30 }, /unknown option "turnSeconds"/],
  ["an array", [base], /options must be an object/],
  ["too many options", { ...base, ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])) }, /too many options/],
];

describe("room options checked by the matchmaker", () => {
  it.each(BAD_ARENA)("refuses to create an arena with %s, and creates no room", async (_what, options, message) => {
    const before = await roomCount();
    const sdk = server.client();
    const attempt = sdk.create(RoomName.Arena, options as Record<string, unknown>);
    await expect(attempt).rejects.toMatchObject({ code: JoinError.InvalidOptions, message: expect.stringMatching(message) });
    await expect(sdk.joinOrCreate(RoomName.Arena, options as Record<string, unknown>)).rejects.toMatchObject({ code: JoinError.InvalidOptions });
    expect(await roomCount()).toBe(before);
  });

  it("refuses bad options on join and joinById too, and the room's seats are untouched", async () => {
    const room = await server.client().create(RoomName.Arena, joinOptions("host"));
    open.push(room);
    const sdk = server.client();
    await expect(sdk.joinById(room.roomId, { ...base, map: "atlantis" })).rejects.toMatchObject({ code: JoinError.InvalidOptions });
    await expect(sdk.join(RoomName.Arena, { ...base, maxPlayers: -1 })).rejects.toMatchObject({ code: JoinError.InvalidOptions });
    await expect(sdk.joinById(room.roomId, { name: "" , protocol: PROTOCOL_VERSION })).rejects.toMatchObject({ code: JoinError.InvalidOptions });
    const listing = (await matchMaker.query({ roomId: room.roomId }))[0]!;
    expect(listing.clients).toBe(1);
  });

  it("checks a room type's own options (Connect Four's turn length)", async () => {
    const before = await roomCount();
    for (const turnSeconds of [TURN_SECONDS.min - 1, TURN_SECONDS.max + 1, 10.5, "30", null]) {
      await expect(server.client().create("connect4", { ...base, turnSeconds })).rejects.toMatchObject({ code: JoinError.InvalidOptions, message: expect.stringMatching(/turnSeconds/) });
    }
    expect(await roomCount()).toBe(before);
    const ok = await server.client().create("connect4", { ...base, turnSeconds: TURN_SECONDS.min });
    open.push(ok);
    expect(await roomCount()).toBe(before + 1);
  });

  it("accepts every good option", async () => {
    const room = await server.client().create(RoomName.Arena, { ...base, map: "foundry", maxPlayers: 4, mode: "arena", private: false, rated: true, seatOpen: true });
    open.push(room);
    const listing = (await matchMaker.query({ roomId: room.roomId }))[0]!;
    expect(listing.metadata).toMatchObject({ maxPlayers: 4, map: "Foundry" });
  });

  it("refuses a lobby join without a valid name, before any seat is reserved", async () => {
    await expect(server.client().joinOrCreate(RoomName.Lobby, {})).rejects.toMatchObject({ code: JoinError.InvalidOptions });
  });
});
