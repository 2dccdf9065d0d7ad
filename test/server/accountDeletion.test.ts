/**
 * DELETE /api/accounts/me removes the account and its personal data while its match results
 * stay, anonymised; two joins of one account at the same instant get one seat; the lobby reads
 * the account from the token as game rooms do. Real server, SDK clients, both databases.
 */
import type { Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { CloseCode, JoinError } from "../../shared/protocol.ts";
import { guest, me, post, signedIn } from "../helpers/authHttp.ts";
import { memberOf } from "../helpers/chatMembers.ts";
import { DATABASES, databaseEnv } from "../helpers/testDatabases.ts";
import { joinOptions, leaveAll, leaveCode, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

const SECRET = "deletion-test-secret-of-32-chars!!!!";

let server: TestServer | undefined;
const rooms: Room[] = [];
afterEach(async () => {
  await leaveAll(rooms);
  await server?.stop();
  server = undefined;
});
const track = <T extends Room>(r: T): T => (rooms.push(r), r);

describe.each(DATABASES)("accounts end to end (%s)", (db) => {
  const start = async () => (server = await startTestServer({ AUTH_SECRET: SECRET, ...(await databaseEnv(db)) }));

  it("deleting an account removes its sign-ins, ratings and blocks, closes its seats, and keeps its match results anonymised", async () => {
    const s = await start();
    const [a, b] = [await guest(s.url, "leaver"), await guest(s.url, "stayer")];
    await s.accounts.ratings.recordMatch({ matchId: "room1:1", game: "connect4", players: [{ accountId: a.account.id, place: 1 }, { accountId: b.account.id, place: 2 }] });
    await s.accounts.moderation.block(a.account.id, b.account.id);
    await s.accounts.moderation.block(b.account.id, a.account.id);
    const stayerBefore = await s.accounts.ratings.ratingsOf(b.account.id);
    const room = track(await signedIn(s, a.token).create<ArenaState>("arena", joinOptions("x")));
    await untilState(room, () => room.state.players?.size === 1);

    // Without a token, or with another's tampered one, nothing is deleted.
    expect((await fetch(`${s.url}/api/accounts/me`, { method: "DELETE" })).status).toBe(401);
    const tampered = a.token.slice(0, -4) + (a.token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect((await fetch(`${s.url}/api/accounts/me`, { method: "DELETE", headers: { authorization: `Bearer ${tampered}` } })).status).toBe(401);
    expect(await s.accounts.store.count("accounts")).toBe(2);

    const closed = leaveCode(room);
    expect((await fetch(`${s.url}/api/accounts/me`, { method: "DELETE", headers: { authorization: `Bearer ${a.token}` } })).status).toBe(204);
    expect(await closed).toBe(CloseCode.SignInRevoked);

    expect(await s.accounts.store.account(a.account.id)).toBeUndefined();
    expect(await s.accounts.store.count("accounts")).toBe(1);
    expect(await s.accounts.moderation.blockedIds(b.account.id)).toEqual([]);
    expect(await s.accounts.store.count("blocks")).toBe(0);
    expect(await s.accounts.ratings.ratingsOf(a.account.id)).toEqual({});
    expect(await s.accounts.ratings.ratingsOf(b.account.id)).toEqual(stayerBefore);
    // The match stays, with the deleted player's seat anonymised (account_id null).
    expect(await s.accounts.store.count("matches")).toBe(1);
    expect(await s.accounts.store.count("match_players")).toBe(2);
    const players = await rowsOfMatch(s, "room1:1");
    expect(players).toEqual([{ seat: 0, account_id: null, result: "win" }, { seat: 1, account_id: b.account.id, result: "loss" }]);

    // Its tokens are dead: the access token, the refresh token, and a join.
    expect((await me(s.url, a.token)).status).toBe(401);
    expect((await post(s.url, "/api/auth/refresh", { refreshToken: a.refreshToken })).body).toMatchObject({ code: "token_invalid" });
    await expect(signedIn(s, a.token).joinOrCreate("arena", joinOptions("x"))).rejects.toMatchObject({ code: JoinError.TokenRevoked });
  });

  it("two joins of one account at the same instant to one room: exactly one seat, the other AlreadySeated", async () => {
    const s = await start();
    const g = await guest(s.url, "twin");
    const host = track(await s.client().create<ArenaState>("arena", { ...joinOptions("host"), private: true }));
    for (let round = 0; round < 3; round++) {
      const outcomes = await Promise.allSettled([signedIn(s, g.token).joinById<ArenaState>(host.roomId, joinOptions("x")), signedIn(s, g.token).joinById<ArenaState>(host.roomId, joinOptions("x"))]);
      const joined = outcomes.filter((o) => o.status === "fulfilled").map((o) => track(o.value));
      const refused = outcomes.filter((o) => o.status === "rejected").map((o) => o.reason as { code?: number });
      expect(joined).toHaveLength(1);
      expect(refused).toMatchObject([{ code: JoinError.AlreadySeated }]);
      const live = s.serverRoom<{ accounts: Map<string, { id: string }> }>(host.roomId);
      expect([...live.accounts.values()].filter((acc) => acc.id === g.account.id)).toHaveLength(1);
      await joined[0]!.leave();
      rooms.splice(rooms.indexOf(joined[0]!), 1);
      await untilState(host, () => host.state.players.size === 1);
    }
  });

  it("the lobby seats the account under its own name and refuses a bad token; anonymous still welcome", async () => {
    const s = await start();
    const g = await guest(s.url, "Alice");
    const alice = memberOf(track(await signedIn(s, g.token).joinOrCreate("lobby", joinOptions("Mallory"))));
    const anon = memberOf(track(await s.client().joinOrCreate("lobby", joinOptions("visitor"))));
    alice.say("hello lobby");
    expect((await anon.heard("hello lobby")).name).toBe("Alice");
    await expect(signedIn(s, `${g.token}x`).joinOrCreate("lobby", joinOptions("x"))).rejects.toMatchObject({ code: JoinError.TokenInvalid });
  });
});

/** The seats of one match, as stored (read through the server's own database handle). */
async function rowsOfMatch(s: TestServer, matchId: string) {
  const db = (s.accounts as unknown as { db: import("kysely").Kysely<import("../../server/store/schema.ts").Database> }).db;
  return db.selectFrom("match_players").select(["seat", "account_id", "result"]).where("match_id", "=", matchId).orderBy("seat").execute();
}
