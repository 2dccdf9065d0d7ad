/**
 * The result outbox (server/kit/ResultOutbox.ts) against real databases: a result the database
 * refused every time stays in the outbox and is written at the next start; a result that did
 * commit but whose outbox file survived (a kill between the commit and the file's removal) is
 * replayed as a duplicate and changes nothing; players are told "rated" only after the commit.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { Accounts } from "../../server/auth/Accounts.ts";
import { MatchResults } from "../../server/kit/MatchResults.ts";
import { durableSink, replayOutbox, ResultOutbox } from "../../server/kit/ResultOutbox.ts";
import type { ChatLine } from "../../shared/chat.ts";
import { Msg } from "../../shared/protocol.ts";
import { guest, me } from "../helpers/authHttp.ts";
import { joinConnect4, redWins } from "../helpers/connect4Play.ts";
import { Inbox } from "../helpers/inbox.ts";
import { DATABASES, freshPostgres } from "../helpers/testDatabases.ts";
import { leaveAll, startTestServer, type TestServer } from "../helpers/testServer.ts";

const dirs: string[] = [];
const open: Room[] = [];
let server: TestServer | undefined;
afterEach(async () => {
  await leaveAll(open);
  await server?.stop();
  server = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), "skirmish-outbox-"));
  dirs.push(d);
  return d;
};

describe.each(DATABASES)("the result outbox (%s)", (db) => {
  const openAccounts = async (dataDir: string, databaseUrl?: string) => Accounts.open({ dataDir, databaseUrl, secret: "outbox-test-secret-of-32-characters!" });

  it("a result the database refused on every attempt is kept and written once at the next start", async () => {
    const dir = scratch();
    const url = db === "postgres" ? await freshPostgres() : undefined;
    let accounts = await openAccounts(dir, url);
    const [a, b] = [await accounts.guest("ann"), await accounts.guest("ben")];
    const outbox = new ResultOutbox(join(dir, "outbox"));
    const match = { matchId: "room-o:1", game: "connect4", players: [{ accountId: a.account.id, place: 1 }, { accountId: b.account.id, place: 2 }] };
    // The database goes away (closed under the writer): every attempt fails, the result stays in the outbox.
    await accounts.close();
    const saved: string[] = [];
    const results = new MatchResults(() => "room-o", durableSink(accounts.ratings, outbox), (m) => saved.push(m.matchId));
    results.record(match);
    await results.settled();
    expect(saved).toEqual([]);
    expect((await outbox.pending()).map((m) => m.matchId)).toEqual(["room-o:1"]);

    // The next start: replayed, written once, and the outbox is empty.
    accounts = await openAccounts(dir, url);
    expect(await replayOutbox(accounts.ratings, outbox)).toEqual({ recorded: 1, duplicate: 0, left: 0 });
    expect(await replayOutbox(accounts.ratings, outbox)).toEqual({ recorded: 0, duplicate: 0, left: 0 });
    expect((await accounts.ratings.ratingsOf(a.account.id)).connect4).toMatchObject({ games: 1, wins: 1 });
    expect(await accounts.store.count("match_players")).toBe(2);
    await accounts.close();
  }, 30_000);

  it("a result that committed but whose outbox file survived is replayed as a duplicate: nothing is written twice", async () => {
    const dir = scratch();
    const url = db === "postgres" ? await freshPostgres() : undefined;
    const accounts = await openAccounts(dir, url);
    const [a, b] = [await accounts.guest("cat"), await accounts.guest("dan")];
    const outbox = new ResultOutbox(join(dir, "outbox"));
    const match = { matchId: "room-p:1", game: "connect4", players: [{ accountId: a.account.id, place: 2 }, { accountId: b.account.id, place: 1 }] };
    await outbox.put(match);
    expect(await accounts.ratings.recordMatch(match)).toBe("recorded");
    const after = await accounts.ratings.ratingsOf(a.account.id);
    expect(await replayOutbox(accounts.ratings, outbox)).toEqual({ recorded: 0, duplicate: 1, left: 0 });
    expect(await accounts.ratings.ratingsOf(a.account.id)).toEqual(after);
    expect(readdirSync(join(dir, "outbox"))).toEqual([]);
    await accounts.close();
  });
});

describe.each(DATABASES)("twin rooms reporting one match (%s)", (db) => {
  it("two processes' write paths (each its own connection pool and outbox) writing the same match at once count it once", async () => {
    // What two twin rooms after a stalled process (colyseus#978) would do: both finish the game
    // with the same room id, so the same match id, and each writes it through its own process.
    const dir = scratch();
    const url = db === "postgres" ? await freshPostgres() : undefined;
    const [one, two] = [await Accounts.open({ dataDir: dir, databaseUrl: url, secret: "twin-test-secret-of-32-characters!!!" }), await Accounts.open({ dataDir: dir, databaseUrl: url, secret: "twin-test-secret-of-32-characters!!!" })];
    const [a, b] = [await one.guest("ann"), await one.guest("ben")];
    const match = { matchId: "twin-room:1", game: "connect4", players: [{ accountId: a.account.id, place: 1 }, { accountId: b.account.id, place: 2 }] };
    const outcomes = await Promise.all([durableSink(one.ratings, new ResultOutbox(join(dir, "outbox-1"))).recordMatch(match), durableSink(two.ratings, new ResultOutbox(join(dir, "outbox-2"))).recordMatch(match)]);
    expect(outcomes.sort()).toEqual(["duplicate", "recorded"]);
    expect((await two.ratings.ratingsOf(a.account.id)).connect4).toMatchObject({ games: 1, wins: 1 });
    expect((await one.ratings.ratingsOf(b.account.id)).connect4).toMatchObject({ games: 1, losses: 1 });
    expect(await one.store.count("match_players")).toBe(2);
    expect([...readdirSync(join(dir, "outbox-1")), ...readdirSync(join(dir, "outbox-2"))]).toEqual([]);
    await Promise.all([one.close(), two.close()]);
  });
});

describe("acknowledged", () => {
  it("players read \"Result saved\" only once the result committed, and the outbox is empty then", async () => {
    const dataDir = scratch();
    const s = (server = await startTestServer({ DATA_DIR: dataDir }));
    const [a, b] = [await guest(s.url, "Eve"), await guest(s.url, "Fay")];
    const red = await joinConnect4(s.client(), open, a.token);
    const yellow = await joinConnect4(s.client(), open, b.token, red.roomId);
    const chat = new Inbox<ChatLine>(red, Msg.Chat);
    await redWins(red, yellow);
    await chat.find((l) => l.kind === "system" && l.text === "Result saved: this game is rated.");
    // Committed before it was said: the rating is there, the outbox empty.
    expect((await me(s.url, a.token)).body.ratings.connect4).toMatchObject({ games: 1, wins: 1 });
    expect(readdirSync(join(dataDir, "outbox"))).toEqual([]);
  });
});

describe("an outbox file", () => {
  it("keeps the whole result: stats, the rated flag and the replay id come back as they went in", async () => {
    const outbox = new ResultOutbox(scratch());
    const m = { matchId: "room-s:r2", game: "arena", rated: false, replayId: "room-s", players: [{ accountId: "a", place: 1, kills: 3, deaths: 1, playedMs: 61_000 }, { accountId: "b", place: 2, kills: 1, deaths: 3, playedMs: 59_500 }] };
    await outbox.put(m);
    expect(await outbox.pending()).toEqual([m]);
  });
});
