/**
 * Arena ratings (server/rooms/arena/RoundRatings.ts): each round is rated from final scores
 * for the signed-in humans who were in most of it. The rules on their own (bots and anonymous
 * seats left out, a short stay left out, fewer than two rated players not recorded, equal
 * scores sharing a place), then a real arena with bots on both databases.
 */
import type { Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { MIN_SHARE, RoundRatings } from "../../server/rooms/arena/RoundRatings.ts";
import type { MatchRecord } from "../../server/store/ratingStore.ts";
import { Phase } from "../../shared/arena/round.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { createPlayer, type PlayerSim } from "../../shared/arena/world.ts";
import type { HistoryAnswer } from "../../shared/profiles.ts";
import { guest, me } from "../helpers/authHttp.ts";
import { DATABASES, databaseEnv } from "../helpers/testDatabases.ts";
import { joinOptions, leaveAll, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

/** A round's players: id → score, deaths. */
const players = (scores: Record<string, [number, number]>): PlayerSim[] =>
  Object.entries(scores).map(([id, [score, deaths]]) => ({ ...createPlayer(id, 0, 0), score, deaths }));

/** RoundRatings over a fixed account table; what it records is kept. */
function ledger(accounts: Record<string, string>) {
  const recorded: MatchRecord[] = [];
  const ratings = new RoundRatings({ roomId: "room1", accountOf: (id) => accounts[id], recordMatch: (m) => void recorded.push(m) });
  return { ratings, recorded };
}

describe("the arena's rating rules", () => {
  it("ranks the signed-in humans by score, leaving bots and anonymous seats out entirely", () => {
    const { ratings, recorded } = ledger({ a: "acc-a", b: "acc-b", c: "acc-c" });
    ratings.played(["a", "b", "c", "bot1", "anon"], 60_000);
    ratings.roundEnded(1, players({ a: [3, 1], b: [5, 2], c: [3, 0], bot1: [9, 0], anon: [7, 1] }));
    expect(recorded).toEqual([
      {
        matchId: "room1:r1",
        game: "arena",
        players: [
          { accountId: "acc-a", place: 2, kills: 3, deaths: 1, playedMs: 60_000 },
          { accountId: "acc-b", place: 1, kills: 5, deaths: 2, playedMs: 60_000 },
          { accountId: "acc-c", place: 2, kills: 3, deaths: 0, playedMs: 60_000 },
        ],
      },
    ]);
  });

  it(`leaves out a player who was in less than ${MIN_SHARE * 100} % of the round, and counts one who was in exactly that`, () => {
    const { ratings, recorded } = ledger({ a: "acc-a", b: "acc-b", late: "acc-late", half: "acc-half" });
    // A 100 s round: "half" was in exactly 50 s of it, "late" in 49.999 s.
    ratings.played(["a", "b", "half"], 50_000);
    ratings.played(["a", "b", "late"], 49_999);
    ratings.played(["a", "b"], 1);
    ratings.roundEnded(4, players({ a: [1, 0], b: [0, 1], late: [4, 0], half: [2, 2] }));
    expect(recorded[0]!.players.map((p) => p.accountId)).toEqual(["acc-a", "acc-b", "acc-half"]);
    expect(recorded[0]!.matchId).toBe("room1:r4");
  });

  it("records no match when fewer than two rated humans finish the round, and starts each round's count afresh", () => {
    const { ratings, recorded } = ledger({ a: "acc-a", b: "acc-b" });
    ratings.played(["a", "bot1", "bot2"], 60_000);
    ratings.roundEnded(1, players({ a: [2, 0], bot1: [1, 1], bot2: [0, 1] }));
    expect(recorded).toEqual([]);
    // Round 2: "b" was only in round 1's time before; this round both are in all of it.
    ratings.played(["a", "b"], 10_000);
    ratings.roundEnded(2, players({ a: [0, 0], b: [0, 0] }));
    expect(recorded).toEqual([{ matchId: "room1:r2", game: "arena", players: [{ accountId: "acc-a", place: 1, kills: 0, deaths: 0, playedMs: 10_000 }, { accountId: "acc-b", place: 1, kills: 0, deaths: 0, playedMs: 10_000 }] }]);
  });
});

let server: TestServer | undefined;
const open: Room[] = [];
afterEach(async () => {
  await leaveAll(open);
  await server?.stop();
  server = undefined;
});

describe.each(DATABASES)("a real arena round with bots (%s)", (db) => {
  it("rates the two signed-in players once, against each other only, with their kills and deaths", async () => {
    const s = (server = await startTestServer({ ...(await databaseEnv(db)), ARENA_ROUND_SECONDS: "2", ARENA_INTERMISSION_SECONDS: "30", ARENA_MIN_PLAYERS: "4" }));
    const [a, b] = [await guest(s.url, "Ann"), await guest(s.url, "Ben")];
    const join = async (token: string, roomId?: string) => {
      const sdk = s.client();
      sdk.auth.token = token;
      const room = roomId ? await sdk.joinById<ArenaState>(roomId, joinOptions("p")) : await sdk.create<ArenaState>("arena", joinOptions("p"));
      open.push(room);
      room.onMessage("*", () => undefined);
      await untilState(room, () => room.state.players?.get(room.sessionId) !== undefined);
      return room;
    };
    const ra = await join(a.token);
    const rb = await join(b.token, ra.roomId);
    const room = s.serverRoom<ArenaRoom>(ra.roomId);
    expect(room.game.bots.count).toBe(2);
    const world = room.game.world;
    // Bots play for real (they may kill and die), so the final numbers are read from the scoreboard.
    world.players.get(ra.sessionId)!.score = 30;
    for (const id of world.players.keys()) if (id !== ra.sessionId && id !== rb.sessionId) world.players.get(id)!.score = 100;
    await untilState(ra, () => ra.state.phase === Phase.Intermission, 400);
    await room.results.settled();
    const final = (id: string) => ({ kills: ra.state.players.get(id)!.score, deaths: ra.state.players.get(id)!.deaths });

    expect(await s.accounts.store.count("matches")).toBe(1);
    const [pa, pb] = [(await me(s.url, a.token)).body, (await me(s.url, b.token)).body];
    expect(pa.ratings.arena).toMatchObject({ games: 1, wins: 1, losses: 0, ...final(ra.sessionId) });
    expect(pb.ratings.arena).toMatchObject({ games: 1, wins: 0, losses: 1, ...final(rb.sessionId) });
    expect(pa.ratings.arena!.kills).toBeGreaterThanOrEqual(30);
    expect(pa.ratings.arena!.playedMs).toBeGreaterThan(0);
    expect(pa.ratings.arena!.rating).toBeGreaterThan(pb.ratings.arena!.rating);
    const h = (await (await fetch(`${s.url}/api/accounts/me/matches`, { headers: { authorization: `Bearer ${a.token}` } })).json()) as HistoryAnswer;
    expect(h.matches).toHaveLength(1);
    expect(h.matches[0]).toMatchObject({ matchId: `${ra.roomId}:r1`, game: "arena", result: "win", ...final(ra.sessionId), opponents: [{ name: "Ben", result: "loss" }], replay: `/replay/${ra.roomId}` });
  });
});
