/**
 * Access on the real server: the Origin check on matchmaking and WebSocket upgrades, and
 * seat hijacking: everything another client can see (session ids in the state, the room
 * id, the owner id, the process id of a seat reservation) is not enough to take a seat.
 */
import { ErrorCode, type Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { JoinError, RoomName } from "../../shared/protocol.ts";
import { matchmake, upgradeStatus } from "../helpers/rawHttp.ts";
import { joinOptions, nextPatch, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer | undefined;
const open: Room[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => (r.connection.isOpen ? r.leave(true).catch(() => undefined) : undefined)));
  await server?.stop();
  server = undefined;
});

async function start(env: Record<string, string> = {}): Promise<TestServer> {
  server = await startTestServer({ RECONNECT_SECONDS: "20", ...env });
  return server;
}

async function join(s: TestServer, name: string, roomId?: string): Promise<Room<ArenaState>> {
  const room = roomId ? await s.client().joinById<ArenaState>(roomId, joinOptions(name)) : await s.client().create<ArenaState>(RoomName.Arena, joinOptions(name));
  open.push(room);
  await untilState(room, () => room.state.players?.has(room.sessionId) === true);
  return room;
}

describe("allowed origins", () => {
  it("by default allows the page's own origin and non-browser clients, and refuses other sites", async () => {
    const s = await start();
    const own = `http://127.0.0.1:${s.port}`;
    expect((await matchmake(s.url, "joinOrCreate", RoomName.Arena, { origin: own })).status).toBe(200);
    expect((await matchmake(s.url, "joinOrCreate", RoomName.Arena)).status).toBe(200);
    const foreign = await matchmake(s.url, "joinOrCreate", RoomName.Arena, { origin: "https://evil.example" });
    expect(foreign.status).toBe(JoinError.OriginNotAllowed);
    expect(foreign.body.error).toMatch(/origin https:\/\/evil.example is not this server's; .* sets PUBLIC_ADDRESS or ALLOWED_ORIGINS/);
    // A foreign page may not read why (no CORS header on the refusal).
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    // Same host, other port: another origin.
    expect((await matchmake(s.url, "joinOrCreate", RoomName.Arena, { origin: "http://127.0.0.1:1" })).status).toBe(JoinError.OriginNotAllowed);

    expect(await upgradeStatus(s.url, { origin: own })).toBe(101);
    expect(await upgradeStatus(s.url)).toBe(101);
    expect(await upgradeStatus(s.url, { origin: "https://evil.example" })).toBe(JoinError.OriginNotAllowed);
    // Every other route goes through the same check (test/server/cors.test.ts covers each).
    expect((await fetch(`${s.url}/health`, { headers: { origin: "https://evil.example" } })).status).toBe(JoinError.OriginNotAllowed);
  });

  it("with ALLOWED_ORIGINS allows exactly those origins, preflight included", async () => {
    const s = await start({ ALLOWED_ORIGINS: "http://localhost:5173, https://play.example.com" });
    expect((await matchmake(s.url, "joinOrCreate", RoomName.Arena, { origin: "http://localhost:5173" })).status).toBe(200);
    expect((await matchmake(s.url, "joinOrCreate", RoomName.Arena, { origin: "https://play.example.com" })).status).toBe(200);
    expect((await matchmake(s.url, "joinOrCreate", RoomName.Arena, { origin: `http://127.0.0.1:${s.port}` })).status).toBe(JoinError.OriginNotAllowed);
    expect((await matchmake(s.url, "joinOrCreate", RoomName.Arena, { origin: "https://play.example.com.evil.example" })).status).toBe(JoinError.OriginNotAllowed);
    const preflight = await fetch(`${s.url}/matchmake/joinOrCreate/arena`, { method: "OPTIONS", headers: { origin: "https://evil.example" } });
    expect(preflight.status).toBe(JoinError.OriginNotAllowed);
    expect(await upgradeStatus(s.url, { origin: "https://play.example.com" })).toBe(101);
    expect(await upgradeStatus(s.url, { origin: "https://evil.example" })).toBe(JoinError.OriginNotAllowed);
  });
});

describe("no seat hijacking", () => {
  it("knowing a connected player's session id, room id and process id does not take their seat", async () => {
    const s = await start();
    const victim = await join(s, "victim");
    const attacker = await join(s, "attacker", victim.roomId);
    // Everything the attacker can see: the victim's session id is a key of the state.
    expect(attacker.state.players.has(victim.sessionId)).toBe(true);
    const forged = { name: RoomName.Arena, roomId: victim.roomId, sessionId: victim.sessionId, processId: attacker.connection.url?.split("/")[3] };
    await expect(s.client().consumeSeatReservation(forged)).rejects.toMatchObject({ code: ErrorCode.MATCHMAKE_EXPIRED, message: "seat reservation expired." });
    // The victim is still seated and connected, and still gets patches.
    await nextPatch(victim);
    expect(victim.connection.isOpen).toBe(true);
    expect(victim.state.players.get(victim.sessionId)?.connected).toBe(true);
    // Asking to "reconnect" with what others can see is refused by the matchmaker.
    await expect(s.client().reconnect(`${victim.roomId}:${victim.sessionId}`)).rejects.toMatchObject({ code: ErrorCode.MATCHMAKE_EXPIRED, message: "reconnection token invalid or expired." });
    // Joining with the victim's id as an option only gets a new seat of one's own.
    const other = await s.client().joinById<ArenaState>(victim.roomId, { ...joinOptions("copycat"), sessionId: victim.sessionId }).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: JoinError.InvalidOptions });
  });

  it("a dropped player's held seat can be reclaimed only with their own reconnection token", async () => {
    const s = await start();
    const victim = await join(s, "victim");
    const watcher = await join(s, "watcher", victim.roomId);
    victim.reconnection.enabled = false;
    const token = victim.reconnectionToken;
    victim.connection.close(); // dropped without a goodbye: the seat is held
    await untilState(watcher, () => watcher.state.players.get(victim.sessionId)?.connected === false);

    const processId = watcher.connection.url?.split("/")[3];
    const forged = { name: RoomName.Arena, roomId: victim.roomId, sessionId: victim.sessionId, processId };
    await expect(s.client().consumeSeatReservation(forged)).rejects.toMatchObject({ code: ErrorCode.MATCHMAKE_EXPIRED, message: "seat reservation expired." });
    await expect(s.client().consumeSeatReservation({ ...forged, reconnectionToken: "guessed" })).rejects.toMatchObject({ code: ErrorCode.MATCHMAKE_EXPIRED, message: "seat reservation expired." });
    await expect(s.client().reconnect(`${victim.roomId}:${victim.sessionId}`)).rejects.toMatchObject({ code: ErrorCode.MATCHMAKE_EXPIRED, message: "reconnection token invalid or expired." });
    await expect(s.client().reconnect(`${victim.roomId}:${"x".repeat(token.split(":")[1]!.length)}`)).rejects.toMatchObject({ code: ErrorCode.MATCHMAKE_EXPIRED, message: "reconnection token invalid or expired." });
    // Still held, for its owner.
    await nextPatch(watcher);
    expect(watcher.state.players.get(victim.sessionId)?.connected).toBe(false);
    const back = await s.client().reconnect<ArenaState>(token);
    open.push(back);
    expect(back.sessionId).toBe(victim.sessionId);
    await untilState(watcher, () => watcher.state.players.get(victim.sessionId)?.connected === true);
  });
});
