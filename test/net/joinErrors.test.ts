/**
 * Every join failure a player can meet, triggered on a real server with the SDK, and the
 * sentence the menu shows for it (game/net/joinErrors.ts): what happened and what to do next.
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { codeLookupMessage, joinErrorMessage } from "../../game/net/joinErrors.ts";
import { endMessage } from "../../game/net/closeMessages.ts";
import { CloseCode, Msg, PROTOCOL_VERSION, RoomName } from "../../shared/protocol.ts";
import { joinOptions, leaveCode, startTestServer, untilState, type TestServer, leaveAll } from "../helpers/testServer.ts";

let server: TestServer | undefined;
const rooms: Room[] = [];
afterEach(async () => {
  await leaveAll(rooms);
  await server?.stop();
  server = undefined;
});

/** What the menu would show for this join attempt's failure. */
async function shown(join: Promise<unknown>): Promise<string> {
  try {
    rooms.push((await join) as Room);
  } catch (e) {
    return joinErrorMessage((e as { code?: unknown }).code, e instanceof Error ? e.message : String(e));
  }
  throw new Error("the join succeeded");
}

describe("what a player reads when a join fails", () => {
  it("a room that has closed, or an id that names none", async () => {
    server = await startTestServer();
    expect(await shown(server.client().joinById("no-such-room", joinOptions("p")))).toBe("That room is full or has closed. Press Quick play to find another.");
  });

  it("a full room without spectator seats", async () => {
    server = await startTestServer();
    const a = await server.client().create(RoomName.Arena, { ...joinOptions("a"), maxPlayers: 2, private: true });
    rooms.push(a, await server.client().joinById(a.roomId, joinOptions("b")));
    expect(await shown(server.client().joinById(a.roomId, joinOptions("c")))).toMatch(/^That room is full/);
  });

  it("a page older than the server's protocol is told to reload", async () => {
    server = await startTestServer();
    expect(await shown(server.client().joinOrCreate(RoomName.Arena, { name: "p", protocol: PROTOCOL_VERSION + 1 }))).toBe("The game was updated since this page loaded. Reload the page to play.");
  });

  it("a bad name says what to fix", async () => {
    server = await startTestServer();
    expect(await shown(server.client().joinOrCreate(RoomName.Arena, joinOptions("<b>")))).toBe("Name may hold only letters, digits, spaces, _ and -.");
  });

  it("too many attempts says when to try again", async () => {
    server = await startTestServer({ MATCHMAKE_PER_IP_PER_MINUTE: "2" });
    rooms.push(await server.client().create(RoomName.Arena, joinOptions("a")));
    expect(await shown(server.client().create(RoomName.Arena, joinOptions("b")))).toMatch(/^Too many attempts from your connection\. Try again in (\d+ s|a few seconds)\.$/);
  });

  it("a player the owner removed, coming back", async () => {
    server = await startTestServer({ TRUST_PROXY: "1" });
    const at = (ip: string) => new Client(server!.url, { headers: { "x-forwarded-for": ip } });
    const owner = await at("198.51.100.1").create(RoomName.Arena, { ...joinOptions("owner"), private: true });
    const guest = await at("198.51.100.2").joinById(owner.roomId, joinOptions("guest"));
    rooms.push(owner, guest);
    await untilState(owner, () => (owner.state as { players?: Map<string, unknown> }).players?.size === 2);
    const gone = leaveCode(guest);
    owner.send(Msg.Kick, { target: guest.sessionId });
    await gone;
    expect(await shown(at("198.51.100.2").joinById(owner.roomId, joinOptions("guest")))).toBe("The room's owner removed you from that room. Press Quick play to join another.");
  });

  it("a banned player reads until when and why; a seat closed by a ban reads the same", async () => {
    server = await startTestServer({ MONITOR_PASSWORD: "join-errors-monitor-pw", AUTH_SECRET: "join-errors-secret-of-32-characters!" });
    const signIn = (await (await fetch(`${server.url}/api/auth/guest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "griefer" }) })).json()) as { token: string; account: { id: string } };
    const admin = { authorization: `Basic ${Buffer.from("host:join-errors-monitor-pw").toString("base64")}`, "content-type": "application/json" };
    const ban = await fetch(`${server.url}/api/admin/bans`, { method: "POST", headers: admin, body: JSON.stringify({ accountId: signIn.account.id, reason: "griefing new players", minutes: 90 }) });
    const { endsAt } = (await ban.json()) as { endsAt: string };
    const client = server.client();
    client.auth.token = signIn.token;
    const until = new Date(endsAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    expect(await shown(client.joinOrCreate(RoomName.Arena, joinOptions("griefer")))).toBe(`You are banned until ${until}: Griefing new players.`);
    expect(endMessage(CloseCode.Banned, `banned until ${endsAt}: griefing new players`)).toBe(`You are banned until ${until}: Griefing new players.`);
  });

  it("a seat given up after the reconnection window", async () => {
    server = await startTestServer();
    const room = await server.client().create(RoomName.Arena, joinOptions("a"));
    // Someone stays, so the room lives on without the seat.
    rooms.push(await server.client().joinById(room.roomId, joinOptions("b")));
    const token = room.reconnectionToken;
    await room.leave(true);
    expect(await shown(server.client().reconnect(token))).toMatch(/^Your seat was given up: you were away longer than the reconnection window/);
  });

  it("a server that cannot be reached", async () => {
    expect(await shown(new Client("http://127.0.0.1:9").joinOrCreate(RoomName.Arena, joinOptions("p")))).toBe("Cannot reach the game server. Check your connection, then try again.");
  });

  it("a room code that names no open room, and too many lookups", async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/api/rooms/code/ZZZZZ`);
    expect(codeLookupMessage(res.status, ((await res.json()) as { error?: string }).error)).toBe("No open room has that code. Check the code, or ask for a new invite.");
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) last = (await fetch(`${server.url}/api/rooms/code/ZZZZZ`)).status;
    expect(codeLookupMessage(last, undefined)).toBe("Too many code lookups from your connection. Wait a few seconds and try again.");
  });
});
