/**
 * A client killed mid-game (its process gets SIGKILL: the socket closes with no goodbye and
 * no WebSocket close frame) is a dropped connection: its seat is held, shown as away, for
 * RECONNECT_SECONDS, then freed.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { RoomName } from "../../shared/protocol.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ RECONNECT_SECONDS: "2" });
});
afterAll(async () => {
  await server.stop();
});

describe("a client killed mid-game", () => {
  it("holds the seat as away, then frees it after RECONNECT_SECONDS", async () => {
    const watcher = await server.client().create<ArenaState>(RoomName.Arena, joinOptions("watcher"));
    const child = spawn(process.execPath, ["--import", "tsx", "test/helpers/joinAndPlay.ts", server.url, watcher.roomId], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const sessionId = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.setEncoding("utf8").on("data", (s: string) => {
        out += s;
        const m = /joined (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once("exit", (code) => reject(new Error(`the player process exited (code ${code}) before joining`)));
    });
    await untilState(watcher, () => watcher.state.players.get(sessionId)?.connected === true);

    child.kill("SIGKILL");
    await exited;
    await untilState(watcher, () => watcher.state.players.get(sessionId)?.connected === false);
    // Held: still in the room, as away, for now.
    expect(watcher.state.players.has(sessionId)).toBe(true);
    // Freed once the reconnection window has passed.
    await untilState(watcher, () => !watcher.state.players.has(sessionId));
    expect(watcher.state.players.size).toBe(1);
    await watcher.leave(true);
  });
});

describe("a reconnect that arrives before the server saw the drop", () => {
  it("still returns the player to their seat", async () => {
    const watcher = await server.client().create<ArenaState>(RoomName.Arena, joinOptions("watcher"));
    const a = await server.client().joinById<ArenaState>(watcher.roomId, joinOptions("alice"));
    await untilState(watcher, () => watcher.state.players.has(a.sessionId));
    a.reconnection.enabled = false;
    const token = a.reconnectionToken;
    // The reconnect goes out at once: the server still has the old socket open.
    const back = await server.client().reconnect<ArenaState>(token);
    expect(back.sessionId).toBe(a.sessionId);
    await untilState(back, () => back.state.players?.get(back.sessionId)?.connected === true);
    expect(watcher.state.players.size).toBe(2);
    await back.leave(true);
    await watcher.leave(true);
  });
});
