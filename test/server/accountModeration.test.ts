/**
 * Moderation that sticks, on a real server with SDK clients, on both databases: blocks per
 * account (the routes and `chat_block`) hide the blocked player's chat on the server, in every
 * room, across a restart; hosts' bans refuse joins, close live seats and refuse new guests from
 * a banned address; bad input is refused with a named error and writes nothing.
 */
import type { Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import type { BanView, BlockList } from "../../shared/moderation.ts";
import { CloseCode, JoinError, Msg, RejectReason } from "../../shared/protocol.ts";
import { joinErrorMessage } from "../../game/net/joinErrors.ts";
import { guest, signedIn } from "../helpers/authHttp.ts";
import { memberOf } from "../helpers/chatMembers.ts";
import { DATABASES, databaseEnv } from "../helpers/testDatabases.ts";
import { joinOptions, leaveAll, leaveCode, startTestServer, testDataDir, untilState, type TestServer } from "../helpers/testServer.ts";

const SECRET = "moderation-test-secret-of-32-chars!!";
const PASSWORD = "monitor-password-for-tests";
const ADMIN = { authorization: `Basic ${Buffer.from(`host:${PASSWORD}`).toString("base64")}`, "content-type": "application/json" };

let servers: TestServer[] = [];
const rooms: Room[] = [];
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await leaveAll(rooms);
  for (const s of servers) await s.stop();
  servers = [];
  for (const c of cleanups.splice(0)) c();
});
const track = <T extends Room>(r: T): T => (rooms.push(r), r);

async function call<T = Record<string, unknown>>(s: TestServer, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(`${s.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  const json = res.headers.get("content-type")?.includes("json") && text;
  return { status: res.status, body: (json ? JSON.parse(text) : {}) as T & { code?: string; error?: string } };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });


describe.each(DATABASES)("moderation per account (%s)", (db) => {
  const start = async (env: Record<string, string> = {}) => {
    const s = await startTestServer({ AUTH_SECRET: SECRET, MONITOR_PASSWORD: PASSWORD, ...env });
    servers.push(s);
    return s;
  };

  it("the block routes list, add and lift blocks; bad ids, yourself and unknown accounts are refused and write nothing", async () => {
    const s = await start(await databaseEnv(db));
    const [a, b] = [await guest(s.url, "ann"), await guest(s.url, "ben")];
    expect((await call(s, "PUT", `/api/accounts/me/blocks/${b.account.id}`, bearer(a.token))).status).toBe(204);
    expect((await call(s, "PUT", `/api/accounts/me/blocks/${b.account.id}`, bearer(a.token))).status).toBe(204); // again: no change
    const list = await call<BlockList>(s, "GET", "/api/accounts/me/blocks", bearer(a.token));
    expect(list.body.blocks).toEqual([{ accountId: b.account.id, name: "ben", since: expect.any(String) }]);
    expect(await s.accounts.store.count("blocks")).toBe(1);

    expect(await call(s, "PUT", `/api/accounts/me/blocks/${a.account.id}`, bearer(a.token))).toMatchObject({ status: 400, body: { code: "cannot_block_self" } });
    expect(await call(s, "PUT", "/api/accounts/me/blocks/00000000-0000-4000-8000-000000000000", bearer(a.token))).toMatchObject({ status: 404, body: { code: "unknown_account" } });
    expect(await call(s, "PUT", "/api/accounts/me/blocks/1%27%20OR%201=1", bearer(a.token))).toMatchObject({ status: 400, body: { code: "invalid_id" } });
    expect(await call(s, "PUT", `/api/accounts/me/blocks/${b.account.id}`)).toMatchObject({ status: 401, body: { code: "token_invalid" } });
    const tampered = a.token.slice(0, -4) + (a.token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await call(s, "PUT", `/api/accounts/me/blocks/${b.account.id}`, bearer(tampered))).toMatchObject({ status: 401, body: { code: "token_invalid" } });
    expect(await s.accounts.store.count("blocks")).toBe(1);

    expect((await call(s, "DELETE", `/api/accounts/me/blocks/${b.account.id}`, bearer(a.token))).status).toBe(204);
    expect((await call<BlockList>(s, "GET", "/api/accounts/me/blocks", bearer(a.token))).body.blocks).toEqual([]);
  });

  it("a block hides the blocked player's lines from the blocker only, on the server, live and in history, and after a restart", async () => {
    const data = testDataDir();
    cleanups.push(data.remove);
    const env = db === "postgres" ? await databaseEnv(db) : { DATA_DIR: data.dir };
    let s = await start(env);
    const [a, b] = [await guest(s.url, "ann"), await guest(s.url, "ben")];
    expect((await call(s, "PUT", `/api/accounts/me/blocks/${b.account.id}`, bearer(a.token))).status).toBe(204);

    const seat = async (srv: TestServer, token: string | undefined, roomId?: string) => {
      const client = token ? signedIn(srv, token) : srv.client();
      const room = track(roomId ? await client.joinById<ArenaState>(roomId, joinOptions("x")) : await client.create<ArenaState>("arena", { ...joinOptions("x"), private: true }));
      return memberOf(room);
    };
    const ben = await seat(s, b.token);
    const ann = await seat(s, a.token, ben.room.roomId);
    const carl = await seat(s, undefined, ben.room.roomId);
    ben.say("hidden from ann");
    carl.say("after");
    await carl.heard("hidden from ann");
    await ann.heard("after");
    expect(ann.lines.items.map((l) => l.text)).not.toContain("hidden from ann");
    // A reconnecting client's catch-up (chat_since) is filtered too.
    ann.room.send(Msg.ChatSince, { after: 0 });
    const since = await ann.history.until((h) => h.length >= 2);
    expect(since.at(-1)!.map((l) => l.text)).toContain("after");
    expect(since.flat().map((l) => l.text)).not.toContain("hidden from ann");

    // A restart on the same database: the block still holds in a new room.
    await leaveAll(rooms);
    await s.stop();
    servers = [];
    s = await start(env);
    const ben2 = await seat(s, b.token);
    const ann2 = await seat(s, a.token, ben2.room.roomId);
    ben2.say("still hidden");
    ann2.say("ann speaks");
    await ben2.heard("ann speaks");
    await ann2.heard("ann speaks");
    expect(ann2.lines.items.map((l) => l.text)).not.toContain("still hidden");
  });

  it("/block in chat (chat_block) keeps the block on the account and takes effect at once; anonymous targets are refused", async () => {
    const s = await start(await databaseEnv(db));
    const [a, b] = [await guest(s.url, "ann"), await guest(s.url, "ben")];
    const ben = memberOf(track(await signedIn(s, b.token).create<ArenaState>("arena", { ...joinOptions("x"), private: true })));
    const ann = memberOf(track(await signedIn(s, a.token).joinById<ArenaState>(ben.room.roomId, joinOptions("x"))));
    const anon = memberOf(track(await s.client().joinById<ArenaState>(ben.room.roomId, joinOptions("anon"))));
    ann.room.send(Msg.ChatBlock, { target: anon.room.sessionId, on: true });
    expect((await ann.refused(RejectReason.BlockRefused)).detail).toMatch(/not signed in/);
    anon.room.send(Msg.ChatBlock, { target: ben.room.sessionId, on: true });
    expect((await anon.refused(RejectReason.BlockRefused)).detail).toMatch(/sign in to block/);

    ann.room.send(Msg.ChatBlock, { target: ben.room.sessionId, on: true });
    await untilBlocked(s, a.account.id, 1);
    ben.say("blocked now");
    ann.say("marker");
    await ben.heard("marker");
    await ann.heard("marker");
    expect(ann.lines.items.map((l) => l.text)).not.toContain("blocked now");
    expect((await call<BlockList>(s, "GET", "/api/accounts/me/blocks", bearer(a.token))).body.blocks.map((x) => x.accountId)).toEqual([b.account.id]);

    // Unblocked through the route: the live room hears it (presence), and ben's lines come through again.
    expect((await call(s, "DELETE", `/api/accounts/me/blocks/${b.account.id}`, bearer(a.token))).status).toBe(204);
    ben.say("heard again");
    await ann.heard("heard again");
  });

  it("bans: the admin route is guarded and checks its body; a ban closes live seats, refuses joins with its reason and end, refuses new guests from a banned address, and can be lifted", async () => {
    const s = await start(await databaseEnv(db));
    const bad = await guest(s.url, "cheater");
    const room = track(await signedIn(s, bad.token).create<ArenaState>("arena", joinOptions("x")));
    await untilState(room, () => room.state.players?.size === 1);

    // Wrong secret, bad bodies, unknown account: named refusals, nothing written.
    const wrong = { authorization: `Basic ${Buffer.from("host:nope").toString("base64")}`, "content-type": "application/json" };
    expect((await call(s, "POST", "/api/admin/bans", wrong, { accountId: bad.account.id, reason: "x", minutes: 5 })).status).toBe(401);
    expect((await call(s, "POST", "/api/admin/bans", { "content-type": "application/json" }, { accountId: bad.account.id, reason: "x", minutes: 5 })).status).toBe(401);
    for (const body of [{ reason: "no target", minutes: 5 }, { accountId: bad.account.id, reason: "", minutes: 5 }, { accountId: bad.account.id, reason: "x", minutes: 0 }, { accountId: bad.account.id, reason: "<b>x</b>", minutes: 5 }, { accountId: "1; DROP TABLE bans", reason: "x", minutes: 5 }, { address: "not-an-ip", reason: "x", minutes: 5 }, { accountId: bad.account.id, reason: "x", minutes: 5, extra: 1 }]) {
      expect(await call(s, "POST", "/api/admin/bans", ADMIN, body)).toMatchObject({ status: 400, body: { code: "invalid_body" } });
    }
    expect(await call(s, "POST", "/api/admin/bans", ADMIN, "{not json")).toMatchObject({ status: 400, body: { code: "invalid_body" } });
    expect(await call(s, "POST", "/api/admin/bans", ADMIN, { accountId: "00000000-0000-4000-8000-000000000000", reason: "x", minutes: 5 })).toMatchObject({ status: 404, body: { code: "unknown_account" } });
    expect(await s.accounts.store.count("bans")).toBe(0);

    const closed = leaveCode(room);
    const placed = await call<BanView>(s, "POST", "/api/admin/bans", ADMIN, { accountId: bad.account.id, reason: "aimbot", minutes: 60 });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ accountId: bad.account.id, reason: "aimbot", liftedAt: null });
    expect(await closed).toBe(CloseCode.Banned);

    const refused = await signedIn(s, bad.token).joinOrCreate("arena", joinOptions("x")).then(() => undefined, (e: { code?: number; message?: string }) => e);
    expect(refused).toMatchObject({ code: JoinError.Banned, message: `banned until ${placed.body.endsAt}: aimbot` });
    const endsLocal = new Date(placed.body.endsAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    expect(joinErrorMessage(refused!.code, refused!.message!)).toBe(`You are banned until ${endsLocal}: Aimbot.`);
    // The lobby too, and an anonymous join from elsewhere is not affected by an account ban.
    await expect(signedIn(s, bad.token).joinOrCreate("lobby", joinOptions("x"))).rejects.toMatchObject({ code: JoinError.Banned });
    track(await s.client().joinOrCreate("arena", joinOptions("someone")));

    const listed = await call<{ bans: BanView[] }>(s, "GET", "/api/admin/bans", ADMIN);
    expect(listed.body.bans.map((b) => b.id)).toEqual([placed.body.id]);
    expect((await call(s, "GET", "/api/admin/bans")).status).toBe(401);
    expect(await call(s, "DELETE", "/api/admin/bans/00000000-0000-4000-8000-000000000000", ADMIN)).toMatchObject({ status: 404, body: { code: "unknown_ban" } });
    expect((await call<BanView>(s, "DELETE", `/api/admin/bans/${placed.body.id}`, ADMIN)).body.liftedAt).not.toBeNull();
    track(await signedIn(s, bad.token).joinOrCreate("arena", joinOptions("x")));

    // An address ban: no new guest account from it, and anonymous joins from it are refused.
    const addressBan = await call<BanView>(s, "POST", "/api/admin/bans", ADMIN, { address: "127.0.0.1", reason: "raid", minutes: 5 });
    expect(addressBan.status).toBe(201);
    const before = await s.accounts.store.count("accounts");
    expect(await call(s, "POST", "/api/auth/guest", { "content-type": "application/json" }, { name: "again" })).toMatchObject({ status: 403, body: { code: "banned", error: expect.stringMatching(/: raid$/) } });
    expect(await s.accounts.store.count("accounts")).toBe(before);
    await expect(s.client().joinOrCreate("arena", joinOptions("anon"))).rejects.toMatchObject({ code: JoinError.Banned });
  });

  it("a player banned while their connection was down is refused on reconnect with Banned, and the seat is freed", async () => {
    const s = await start(await databaseEnv(db));
    const g = await guest(s.url, "away");
    const a = track(await signedIn(s, g.token).create<ArenaState>("arena", joinOptions("x")));
    const b = track(await s.client().joinById<ArenaState>(a.roomId, joinOptions("watcher")));
    await untilState(b, () => b.state.players?.size === 2);
    a.reconnection.enabled = false;
    const token = a.reconnectionToken;
    a.connection.close();
    await untilState(b, () => b.state.players.get(a.sessionId)?.connected === false);
    expect((await call(s, "POST", "/api/admin/bans", ADMIN, { accountId: g.account.id, reason: "left to dodge", minutes: 30 })).status).toBe(201);
    await expect(s.client().reconnect<ArenaState>(token)).rejects.toMatchObject({ code: CloseCode.Banned, message: expect.stringMatching(/^banned until .*: left to dodge$/) });
    await untilState(b, () => !b.state.players.has(a.sessionId));
  });

  it("without MONITOR_PASSWORD the admin routes are not there", async () => {
    servers.push(await startTestServer({ AUTH_SECRET: SECRET, ...(await databaseEnv(db)) }));
    expect((await call(servers[0]!, "GET", "/api/admin/bans", ADMIN)).status).toBe(404);
  });
});

/** Wait (on the database, not the clock) until the account has `n` blocks: chat_block writes beside the room. */
async function untilBlocked(s: TestServer, accountId: string, n: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await s.accounts.moderation.blockedIds(accountId)).length === n) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`account never reached ${n} blocks`);
}
