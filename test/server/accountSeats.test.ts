/**
 * Rooms read the account from the verified token (client.auth.token), never from the name the
 * join options carry: the seat takes the account's name and its moderation identity is
 * `account:<id>`. Refused tokens are named JoinErrors; one account has one seat per room;
 * joins without a token stay anonymous seats; a reconnect after logout is refused and frees the seat.
 * On the embedded database and on PostgreSQL.
 */
import type { Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { CloseCode, JoinError } from "../../shared/protocol.ts";
import type { KitRoom } from "../../server/kit/KitRoom.ts";
import { forgeToken, guest, post, sidOf, signedIn } from "../helpers/authHttp.ts";
import { DATABASES, databaseEnv } from "../helpers/testDatabases.ts";
import { joinOptions, leaveAll, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

const SECRET = "seat-test-secret-of-thirty-two-chars!!";
type AnyKitRoom = KitRoom<never, never, unknown, unknown>;

let server: TestServer | undefined;
const rooms: Room[] = [];
afterEach(async () => {
  await leaveAll(rooms);
  await server?.stop();
  server = undefined;
});
const track = <T extends Room>(r: T): T => (rooms.push(r), r);


describe.each(DATABASES)("seats of signed-in players (%s)", (db) => {
  const start = async () => (server = await startTestServer({ AUTH_SECRET: SECRET, ...(await databaseEnv(db)) }));

  it("a guest's seat takes the account's name and identity, not the name in the options", async () => {
    const s = await start();
    const g = await guest(s.url, "Alice");
    const room = track(await signedIn(s, g.token).joinOrCreate<ArenaState>("arena", joinOptions("Mallory")));
    await untilState(room, () => room.state.players?.get(room.sessionId) !== undefined);
    expect(room.state.players.get(room.sessionId)!.name).toBe("Alice");
    const live = s.serverRoom<AnyKitRoom>(room.roomId);
    expect(live.identities.get(room.sessionId)).toBe(`account:${g.account.id}`);
    expect(live.accounts.get(room.sessionId)).toMatchObject({ id: g.account.id, name: "Alice" });
  });

  it("after a refresh (a reload) the new token seats the same account", async () => {
    const s = await start();
    const g = await guest(s.url, "bob");
    const r = await post(s.url, "/api/auth/refresh", { refreshToken: g.refreshToken });
    const room = track(await signedIn(s, r.body.token).joinOrCreate<ArenaState>("arena", joinOptions("bob")));
    expect(s.serverRoom<AnyKitRoom>(room.roomId).identities.get(room.sessionId)).toBe(`account:${g.account.id}`);
  });

  it("revoked, expired, tampered and foreign tokens are refused with their JoinError; nothing is seated", async () => {
    const s = await start();
    const g = await guest(s.url, "carol");
    const now = Math.floor(Date.now() / 1000);
    const sign = (secret: string, exp: number) => forgeToken(secret, { sub: g.account.id, sid: sidOf(g.token), exp });
    const tampered = g.token.slice(0, -4) + (g.token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(signedIn(s, await sign(SECRET, now - 30)).joinOrCreate("arena", joinOptions("carol"))).rejects.toMatchObject({ code: JoinError.TokenExpired });
    await expect(signedIn(s, tampered).joinOrCreate("arena", joinOptions("carol"))).rejects.toMatchObject({ code: JoinError.TokenInvalid });
    await expect(signedIn(s, await sign("some-other-server-secret-32-chars!!", now + 600)).joinOrCreate("arena", joinOptions("carol"))).rejects.toMatchObject({ code: JoinError.TokenInvalid });
    expect((await post(s.url, "/api/auth/logout", { refreshToken: g.refreshToken })).status).toBe(204);
    await expect(signedIn(s, g.token).joinOrCreate("arena", joinOptions("carol"))).rejects.toMatchObject({ code: JoinError.TokenRevoked, message: expect.stringMatching(/logged out/) });
    // Refused in the matchmaker, before any room was made.
    expect(await (await fetch(`${s.url}/health`)).json()).toMatchObject({ rooms: 0, clients: 0 });
  });

  it("a second tab of one account in one room is refused; another room is fine", async () => {
    const s = await start();
    const g = await guest(s.url, "dave");
    const first = track(await signedIn(s, g.token).create<ArenaState>("arena", joinOptions("dave")));
    await expect(signedIn(s, g.token).joinById(first.roomId, joinOptions("dave"))).rejects.toMatchObject({ code: JoinError.AlreadySeated });
    const other = track(await signedIn(s, g.token).create<ArenaState>("arena", joinOptions("dave")));
    expect(other.roomId).not.toBe(first.roomId);
  });

  it("a join without a token is an anonymous seat held against its address", async () => {
    const s = await start();
    const room = track(await s.client().joinOrCreate<ArenaState>("arena", joinOptions("botty")));
    await untilState(room, () => room.state.players?.get(room.sessionId) !== undefined);
    expect(room.state.players.get(room.sessionId)!.name).toBe("botty");
    const live = s.serverRoom<AnyKitRoom>(room.roomId);
    expect(live.identities.get(room.sessionId)).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(live.accounts.has(room.sessionId)).toBe(false);
  });

  it("a reconnect after logout is refused with SignInRevoked and the seat is freed", async () => {
    const s = await start();
    const g = await guest(s.url, "erin");
    const a = track(await signedIn(s, g.token).create<ArenaState>("arena", joinOptions("erin")));
    const b = track(await s.client().joinById<ArenaState>(a.roomId, joinOptions("watcher")));
    await untilState(b, () => b.state.players?.size === 2);
    a.reconnection.enabled = false;
    const token = a.reconnectionToken;
    a.connection.close();
    await untilState(b, () => b.state.players.get(a.sessionId)?.connected === false);
    expect((await post(s.url, "/api/auth/logout", { refreshToken: g.refreshToken })).status).toBe(204);
    await expect(s.client().reconnect<ArenaState>(token)).rejects.toMatchObject({ code: CloseCode.SignInRevoked, message: expect.stringMatching(/logged out/) });
    await untilState(b, () => !b.state.players.has(a.sessionId));
  });
});

describe("a token of another host", () => {
  it("is refused at a host with its own database, even with the same key", async () => {
    server = await startTestServer({ AUTH_SECRET: SECRET });
    const g = await guest(server.url, "frank");
    // The same token at a host whose accounts are another database's: its sign-in is unknown there.
    const elsewhere = await startTestServer({ AUTH_SECRET: SECRET });
    try {
      await expect(signedIn(elsewhere, g.token).joinOrCreate("arena", joinOptions("frank"))).rejects.toMatchObject({ code: JoinError.TokenRevoked });
    } finally {
      await elsewhere.stop();
    }
  });
});
