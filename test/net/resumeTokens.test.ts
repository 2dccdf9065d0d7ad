/**
 * Fail closed: a resume with a malformed, foreign or expired reconnection token is refused,
 * nothing on the server changes, and the player reads why and starts again
 * (game/net/joinErrors.ts, resumeErrorMessage; game/main.ts shows it).
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resumeErrorMessage } from "../../game/net/joinErrors.ts";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import { joinOptions, leaveAll, startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const rooms: Room[] = [];
beforeAll(async () => {
  server = await startTestServer({ RECONNECT_SECONDS: "1" });
});
afterEach(() => leaveAll(rooms));
afterAll(() => server.stop());

/** The refusal a reconnect with `token` gets: its code and the player's sentence. */
async function refusal(token: string): Promise<{ code: unknown; text: string }> {
  try {
    const room = await new Client(server.url).reconnect(token);
    rooms.push(room);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return { code, text: resumeErrorMessage(code, e instanceof Error ? e.message : String(e)) };
  }
  throw new Error(`reconnect with ${token} was accepted`);
}

async function seated(name: string): Promise<Room> {
  const room = await new Client(server.url).create(CONNECT4_ROOM, { ...joinOptions(name), resume: true });
  rooms.push(room);
  room.onMessage("*", () => undefined);
  return room;
}

const START_AGAIN = /Press Quick play to start a new game\.$/;

describe("resuming with a bad token", () => {
  it("refuses malformed tokens with a sentence that says to start again", async () => {
    for (const token of ["", "no-colon", ":", "room:"]) {
      expect(await refusal(token), token).toEqual({ code: undefined, text: "Your previous game could not be resumed: its saved token is damaged. Press Quick play to start a new game." });
    }
    const path = await refusal("../../etc:passwd");
    expect(path.code).toBe(404);
    expect(path.text).toMatch(START_AGAIN);
  });

  it("refuses another room's or another seat's token, and the seats stay as they were", async () => {
    const a = await seated("ann");
    const b = await seated("bob");
    const [roomA, tokenA] = a.reconnectionToken.split(":");
    const [, tokenB] = b.reconnectionToken.split(":");
    const held = "Your seat in your previous game is no longer held for you. Press Quick play to start a new game.";
    expect(await refusal(`${roomA}:${tokenB}`)).toEqual({ code: 524, text: held });
    expect(await refusal(`${b.roomId}:${tokenA}`)).toEqual({ code: 524, text: held });
    expect(await refusal(`${roomA}:${"x".repeat(9)}`)).toEqual({ code: 524, text: held });
    // Nothing changed: both players keep their seats and their connections.
    for (const r of [a, b]) {
      const host = server.serverRoom<{ seats: Map<string, unknown> }>(r.roomId);
      expect([...host.seats.keys()]).toEqual([r.sessionId]);
      expect(r.connection.isOpen).toBe(true);
    }
  });

  it("refuses a token whose seat was given up", async () => {
    const a = await seated("cy");
    const b = await seated("dee");
    const ended = a.reconnectionToken;
    await a.leave(true); // its room is gone with it
    expect(await refusal(ended)).toEqual({ code: 522, text: "Your previous game has ended. Press Quick play to start a new game." });
    const host = server.serverRoom<{ seats: Map<string, unknown> }>(b.roomId);
    const away = b.reconnectionToken;
    // b's room stays (a spectator-free room with a held seat): drop b and let the 1 s window pass.
    const joiner = await new Client(server.url).joinById(b.roomId, joinOptions("eve"));
    rooms.push(joiner);
    joiner.onMessage("*", () => undefined);
    b.reconnection.enabled = false;
    b.connection.close(4999 as number);
    await vi.waitFor(() => expect([...host.seats.keys()]).toEqual([joiner.sessionId]), { timeout: 10_000, interval: 50 });
    expect(await refusal(away)).toEqual({ code: 524, text: "Your seat in your previous game is no longer held for you. Press Quick play to start a new game." });
  });
});
