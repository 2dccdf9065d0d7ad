/**
 * Replays on a real server with real SDK clients: an arena match with fill bots and a Connect
 * Four game are recorded, stored compressed in DATA_DIR/replays, listed and served by the
 * routes, and each served log re-simulates with every checksum matching. Bad ids, missing and
 * damaged files each get their named error, and nothing else is affected.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { Connect4Msg, CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import type { Connect4State } from "../../shared/connect4/schema.ts";
import { CloseCode, Msg, type PingMessage } from "../../shared/protocol.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import type { ReplayLog } from "../../shared/replay/format.ts";
import { resimulate, rulesFor } from "../../shared/replay/resimulate.ts";
import { REPLAY_RULES } from "../../shared/replay/rulesTable.ts";
import type { ReplayMeta } from "../../server/kit/replay/ReplayStore.ts";
import { ArenaReplay } from "../../game/net/ArenaReplay.ts";
import { joinOptions, startTestServer, testDataDir, untilState, type TestServer } from "../helpers/testServer.ts";
import { ARENA_RULES_VERSION, INTENT_FIELDS } from "../../shared/arena/replay.ts";
import { DEFAULT_LAG_COMPENSATION_MS, lagCapTicks } from "../../shared/arena/lagCompensation.ts";

let server: TestServer;
const data = testDataDir();
const replayDir = join(data.dir, "replays");

beforeAll(async () => {
  // Four seats kept with bots, one-second rounds: a short match crosses a round boundary.
  server = await startTestServer({ DATA_DIR: data.dir, ARENA_MIN_PLAYERS: "4", ARENA_ROUND_SECONDS: "1", ARENA_INTERMISSION_SECONDS: "1" });
});
afterAll(async () => {
  await server.stop();
  data.remove();
});

const api = (path: string) => fetch(`${server.url}${path}`);

/**
 * The room's log once its dispose has stored it: the list route is the sync point. A round's
 * end stores the log so far too, so a log ending before `endedAfter` (ms) is not yet the last.
 */
async function storedReplay(matchId: string, endedAfter = 0): Promise<ReplayMeta> {
  for (let i = 0; i < 200; i++) {
    const { replays } = (await (await api("/api/replays?limit=100")).json()) as { replays: ReplayMeta[] };
    const hit = replays.find((r) => r.matchId === matchId && Date.parse(r.startedAt) + r.durationMs >= endedAfter);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`replay ${matchId} was never listed`);
}

async function fetchLog(matchId: string): Promise<ReplayLog> {
  const res = await api(`/api/replays/${matchId}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-encoding")).toBe("gzip");
  return (await res.json()) as ReplayLog;
}

function expectReplays(log: ReplayLog): void {
  const { mismatches, checked } = resimulate(log, rulesFor(log, REPLAY_RULES));
  expect(mismatches).toEqual([]);
  expect(checked).toBe(log.checksums.length);
  expect(checked).toBeGreaterThan(1);
}

describe("replays", () => {
  it("records an arena match with its bots' and player's inputs, stores it, and the served log re-simulates exactly", async () => {
    const room: Room<ArenaState> = await server.client().create<ArenaState>("arena", joinOptions("alice"));
    room.onMessage("*", () => undefined);
    await untilState(room, () => room.state.players?.size === 4);
    const input = room.input();
    // Walk right and fire until the first round has ended and the next begun.
    await untilState(
      room,
      () => {
        input.data.dx = 1;
        input.data.fire = true;
        input.data.aim = 0.5;
        input.send();
        return room.state.round >= 2;
      },
      400,
    );
    const matchId = room.roomId;
    const left = Date.now();
    await room.leave();

    const meta = await storedReplay(matchId, left);
    expect(meta).toMatchObject({ roomType: "arena", players: ["alice"], truncated: false });
    expect(meta.durationMs).toBeGreaterThan(0);
    expect(meta.bytes).toBeGreaterThan(0);
    expect((meta.result as { scores: unknown[] }).scores).toHaveLength(4);
    expect(await readdir(replayDir)).toEqual(expect.arrayContaining([`${matchId}.replay.gz`, `${matchId}.json`]));

    const log = await fetchLog(matchId);
    expect(log.header).toMatchObject({ matchId, roomType: "arena", rulesVersion: ARENA_RULES_VERSION, setup: { map: expect.any(String), drones: 0, lagCapTicks: lagCapTicks(DEFAULT_LAG_COMPENSATION_MS) } });
    const kinds = new Set(log.entries.map((e) => e[0]));
    expect([...kinds]).toEqual(expect.arrayContaining(["@join", "@leave", "@round", "j", "l", "t"]));
    expect(log.entries.find((e) => e[0] === "@join")).toEqual(["@join", expect.any(String), "alice", "player"]);
    // Bots' intents and the player's are in the ticks, under their ids.
    const ids = new Set(log.entries.filter((e) => e[0] === "t").flatMap((e) => e.filter((_, i) => i >= 3 && (i - 3) % INTENT_FIELDS === 0)));
    expect([...ids].some((id) => String(id).startsWith("bot:"))).toBe(true);
    expect(ids.has(log.entries.find((e) => e[0] === "@join")![1]!)).toBe(true);
    expectReplays(log);
  });

  it("logs the room's chat where it happened, and the viewer shows the chat and the events of any moment", async () => {
    const room: Room<ArenaState> = await server.client().create<ArenaState>("arena", joinOptions("carol"));
    room.onMessage("*", () => undefined);
    await untilState(room, () => room.state.players?.size === 4);
    room.send(Msg.Chat, { text: "good luck all" });
    await untilState(room, () => room.state.round >= 2, 400);
    const matchId = room.roomId;
    const left = Date.now();
    await room.leave();
    await storedReplay(matchId, left);
    const log = await fetchLog(matchId);

    const said = log.entries.findIndex((e) => e[0] === "@chat" && e[3] === "good luck all");
    expect(log.entries[said]).toEqual(["@chat", "player", "carol", "good luck all", expect.any(Number)]);
    expect(log.entries.some((e) => e[0] === "@chat" && e[1] === "system" && e[3] === "Round 1 is over")).toBe(true);
    // Notes change nothing: the log still re-simulates exactly.
    expectReplays(log);

    // Before the line was said the viewer's chat lacks it; at the end it has it, and the round's end.
    const viewer = new ArenaReplay(log);
    const tickAt = (entry: number) => log.entries.slice(0, entry).filter((e) => e[0] === "t").length;
    viewer.seek(tickAt(said));
    expect(viewer.chat.map((l) => l.text)).not.toContain("good luck all");
    viewer.seek(viewer.ticks);
    expect(viewer.chat.map((l) => l.text)).toEqual(expect.arrayContaining(["carol joined", "good luck all", "Round 1 is over"]));
    // Playing from the start passes the round's end as an event, as the room sent it.
    const events: string[] = [];
    const player = new ArenaReplay(log);
    player.onEvent((e) => events.push(e.type));
    player.catchUp();
    expect(events).toEqual(expect.arrayContaining(["round_end", "round_start"]));
  });

  it("stores the log so far when a round ends: the running room's replay is served and re-simulates", async () => {
    const room: Room<ArenaState> = await server.client().create<ArenaState>("arena", joinOptions("rhea"));
    room.onMessage("*", () => undefined);
    await untilState(room, () => room.state.players?.size === 4);
    await untilState(room, () => room.state.round >= 2, 400);
    // The room still runs (its player is in it), and its first round can already be watched.
    const meta = await storedReplay(room.roomId);
    expect(server.serverRoom<ArenaRoom>(room.roomId).state.players.has(room.sessionId)).toBe(true);
    expect(meta).toMatchObject({ roomType: "arena", players: ["rhea"] });
    const log = await fetchLog(room.roomId);
    expect(log.entries).toContainEqual(["@round", "round_end", 1]);
    expect(log.entries.some((e) => e[0] === "@leave")).toBe(false);
    expectReplays(log);
    await room.leave();
  });

  it("saves and serves the log of a room that crashed (4500), up to the crash", async () => {
    const room: Room<ArenaState> = await server.client().create<ArenaState>("arena", joinOptions("dora"));
    room.onMessage("*", () => undefined);
    room.reconnection.enabled = false;
    await untilState(room, () => room.state.players?.size === 4 && room.state.tick > 30);
    const closed = new Promise<number>((resolve) => room.onLeave.once((code: number) => resolve(code)));
    // A fault in the room's own code, on its next tick: crash isolation closes the room (server/kit/crashIsolation.ts).
    const live = server.serverRoom<ArenaRoom>(room.roomId);
    Object.defineProperty(live.game, "step", { value: () => { throw new Error("injected fault"); } });
    expect(await closed).toBe(CloseCode.RoomCrashed);

    const meta = await storedReplay(room.roomId);
    expect(meta).toMatchObject({ roomType: "arena", players: ["dora"] });
    const log = await fetchLog(room.roomId);
    expect(log.entries.filter((e) => e[0] === "t").length).toBeGreaterThan(10);
    expectReplays(log);
  });

  it("records a Connect Four game's accepted moves, and the served log re-simulates to the same win", async () => {
    const join = async (name: string, roomId?: string) => {
      const sdk = server.client();
      const room = roomId ? await sdk.joinById<Connect4State>(roomId, joinOptions(name)) : await sdk.create<Connect4State>(CONNECT4_ROOM, joinOptions(name));
      room.onMessage(Msg.Ping, (m: PingMessage) => room.send(Msg.Pong, m));
      room.onMessage("*", () => undefined);
      return room;
    };
    const red = await join("alice");
    const yellow = await join("bob", red.roomId);
    await untilState(red, () => red.state.status === "playing");
    // Red stacks column 0, yellow column 1; one refused move (out of turn) on the way.
    for (let i = 0; i < 4; i++) {
      red.send(Connect4Msg.Drop, { column: 0 });
      await untilState(red, () => red.state.status === "over" || red.state.turn === 2);
      if (red.state.status === "over") break;
      if (i === 0) red.send(Connect4Msg.Drop, { column: 5 });
      yellow.send(Connect4Msg.Drop, { column: 1 });
      await untilState(red, () => red.state.turn === 1);
    }
    expect(red.state.status).toBe("over");
    const matchId = red.roomId;
    await red.leave();
    await yellow.leave();

    const meta = await storedReplay(matchId);
    expect(meta).toMatchObject({ roomType: "connect4", players: ["alice", "bob"], result: { games: 1, wins: { alice: 1, bob: 0 } } });
    const log = await fetchLog(matchId);
    expect(log.entries.filter((e) => e[0] === "@colour")).toEqual([
      ["@colour", red.sessionId, 1],
      ["@colour", yellow.sessionId, 2],
    ]);
    expect(log.entries.filter((e) => e[0] === "p")).toEqual([
      ["p", 1, 0],
      ["p", 2, 1],
      ["p", 1, 0],
      ["p", 2, 1],
      ["p", 1, 0],
      ["p", 2, 1],
      ["p", 1, 0],
    ]);
    expectReplays(log);
    const sim = resimulate(log, REPLAY_RULES.connect4!).sim as { winner: number; endReason: string };
    expect(sim).toMatchObject({ winner: 1, endReason: "win" });
  });

  it("answers a malformed id 400, an unknown one 404, and a bad list query 400, each with its code", async () => {
    const malformed = await api("/api/replays/not.an%20id");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: "replay_id_malformed", error: expect.stringContaining("letters, digits") });
    const missing = await api("/api/replays/nosuchmatch");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: "replay_not_found", error: "no replay with id nosuchmatch (it may have been pruned)" });
    const query = await api("/api/replays?limit=1000");
    expect(query.status).toBe(400);
    expect(await query.json()).toMatchObject({ code: "replay_query_malformed" });
  });

  it("says whether a log is stored yet, always 200 for a well-formed id (what a waiting page asks)", async () => {
    const { replays } = (await (await api("/api/replays?limit=100")).json()) as { replays: ReplayMeta[] };
    const stored = await api(`/api/replays/${replays[0]!.matchId}/stored`);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({ stored: true });
    const missing = await api("/api/replays/nosuchmatch/stored");
    expect(missing.status).toBe(200);
    expect(await missing.json()).toEqual({ stored: false });
    expect((await api("/api/replays/not.an%20id/stored")).status).toBe(400);
  });

  it("answers a truncated or garbled log 500 replay_corrupt, and still serves the others", async () => {
    const { replays } = (await (await api("/api/replays?limit=100")).json()) as { replays: ReplayMeta[] };
    expect(replays.length).toBeGreaterThanOrEqual(2);
    const [victim, other] = replays as [ReplayMeta, ReplayMeta];
    const path = join(replayDir, `${victim.matchId}.replay.gz`);
    const whole = await readFile(path);
    await writeFile(path, whole.subarray(0, Math.floor(whole.length / 2)));
    const truncated = await api(`/api/replays/${victim.matchId}`);
    expect(truncated.status).toBe(500);
    expect(await truncated.json()).toMatchObject({ code: "replay_corrupt", error: expect.stringContaining(`replay ${victim.matchId} is damaged`) });
    await writeFile(path, "not gzip at all");
    expect((await api(`/api/replays/${victim.matchId}`)).status).toBe(500);
    // The rest is untouched: the list and the other log.
    expect((await api("/api/replays")).status).toBe(200);
    expectReplays(await fetchLog(other.matchId));
    await writeFile(path, whole);
    expectReplays(await fetchLog(victim.matchId));
  });
});
