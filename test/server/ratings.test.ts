/**
 * Connect Four ratings (openskill): every finished game between two signed-in players is
 * rated once, by its match id; a write repeated (a retry, a twin room) changes nothing; a game
 * with an anonymous player is not rated. On the embedded database and on PostgreSQL.
 */
import type { Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { KitRoom } from "../../server/kit/KitRoom.ts";
import { guest, me } from "../helpers/authHttp.ts";
import { joinConnect4, redWins, type C4 } from "../helpers/connect4Play.ts";
import { DATABASES, databaseEnv } from "../helpers/testDatabases.ts";
import { leaveAll, startTestServer, type TestServer } from "../helpers/testServer.ts";

type AnyKitRoom = KitRoom<never, never, unknown, unknown>;

let server: TestServer | undefined;
const open: Room[] = [];
afterEach(async () => {
  await leaveAll(open);
  await server?.stop();
  server = undefined;
});

/** Join Connect Four as `token`'s account (or anonymously). */
const join = (s: TestServer, token: string | undefined, roomId?: string): Promise<C4> => joinConnect4(s.client(), open, token, roomId);

describe.each(DATABASES)("Connect Four ratings (%s)", (db) => {
  const start = async () => (server = await startTestServer(await databaseEnv(db)));

  it("a game between two signed-in players changes both ratings once", async () => {
    const s = await start();
    const [a, b] = [await guest(s.url, "Ann"), await guest(s.url, "Ben")];
    const red = await join(s, a.token);
    const yellow = await join(s, b.token, red.roomId);
    await redWins(red, yellow);
    await s.serverRoom<AnyKitRoom>(red.roomId).results.settled();

    const [pa, pb] = [(await me(s.url, a.token)).body, (await me(s.url, b.token)).body];
    expect(red.state.players.get(red.sessionId)!.wins).toBe(1);
    const first = [pa, pb];
    expect(first[0]!.ratings.connect4).toMatchObject({ games: 1, wins: 1, losses: 0, draws: 0 });
    expect(first[1]!.ratings.connect4).toMatchObject({ games: 1, wins: 0, losses: 1, draws: 0 });
    expect(first[0]!.ratings.connect4!.rating).toBeGreaterThan(first[1]!.ratings.connect4!.rating);
    expect(await s.accounts.store.count("matches")).toBe(1);
    expect(await s.accounts.store.count("match_players")).toBe(2);
  });

  it("a match id written twice, or twice at once, is rated once", async () => {
    const s = await start();
    const [a, b] = [await guest(s.url, "Cat"), await guest(s.url, "Dan")];
    const match = { matchId: "room-x:1", game: "connect4", players: [{ accountId: a.account.id, place: 1 }, { accountId: b.account.id, place: 2 }] };
    expect(await s.accounts.ratings.recordMatch(match)).toBe("recorded");
    expect(await s.accounts.ratings.recordMatch(match)).toBe("duplicate");
    const twice = await Promise.all([s.accounts.ratings.recordMatch({ ...match, matchId: "room-x:2" }), s.accounts.ratings.recordMatch({ ...match, matchId: "room-x:2" })]);
    expect(twice.sort()).toEqual(["duplicate", "recorded"]);
    expect((await s.accounts.ratings.ratingsOf(a.account.id)).connect4).toMatchObject({ games: 2, wins: 2 });
    expect((await s.accounts.ratings.ratingsOf(b.account.id)).connect4).toMatchObject({ games: 2, losses: 2 });
    expect(await s.accounts.store.count("matches")).toBe(2);
    expect(await s.accounts.store.count("match_players")).toBe(4);
  });

  it("a draw moves two equal ratings nowhere apart; a game against an anonymous player is not rated", async () => {
    const s = await start();
    const [a, b] = [await guest(s.url, "Eve"), await guest(s.url, "Fay")];
    await s.accounts.ratings.recordMatch({ matchId: "draw:1", game: "connect4", players: [{ accountId: a.account.id, place: 1 }, { accountId: b.account.id, place: 1 }] });
    const [ra, rb] = [(await s.accounts.ratings.ratingsOf(a.account.id)).connect4!, (await s.accounts.ratings.ratingsOf(b.account.id)).connect4!];
    expect(ra).toMatchObject({ games: 1, draws: 1 });
    expect(ra.rating).toBeCloseTo(rb.rating, 9);

    const red = await join(s, a.token);
    const yellow = await join(s, undefined, red.roomId);
    await redWins(red, yellow);
    await s.serverRoom<AnyKitRoom>(red.roomId).results.settled();
    expect((await s.accounts.ratings.ratingsOf(a.account.id)).connect4).toMatchObject({ games: 1 });
    expect(await s.accounts.store.count("matches")).toBe(1);
  });
});
