/**
 * Seeded chaos in the arena: two predicting game clients (ArenaClient) and two headless bots,
 * every one a real SDK client through the network conditioner, play while a seeded schedule
 * changes the network under them (delay, jitter, loss stalls, server stalls, drops and
 * reconnects). Checked on every step, on every client's view and on the server: no NaN,
 * everyone inside the map, HP and scores in range, nobody in two rooms, no seat lost. At the
 * end, on a healed network, every view equals the server's and each prediction converges.
 */
import { Client, type Room } from "@colyseus/sdk";
import { matchMaker } from "colyseus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArenaClient } from "../../game/net/ArenaClient.ts";
import { Bot } from "../../headless/bots/Bot.ts";
import { driveBots } from "../../headless/bots/driveBots.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { mapById, type ArenaMap } from "../../shared/arena/maps.ts";
import type { ArenaState, PlayerState } from "../../shared/arena/schema.ts";
import { MAX_HP } from "../../shared/arena/tuning.ts";
import type { Intent } from "../../shared/arena/world.ts";
import { randomInt } from "../../shared/rng.ts";
import { chaosSeeds, chaosStep, eventually, heal, leaveAll, pause, reconnectAlways, startChaos, type ChaosRun } from "../helpers/chaos.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

const FILE = "test/net/arenaChaos.test.ts";
/** Seeds that run every time; a seed that ever fails is added here and stays. */
// 3217029648: stalls over the input buffer's 533 ms left the prediction stale after the last acks.
const PINNED_SEEDS = [1, 20261204, 2269199516, 3217029648];
/** Steps of the schedule, one every STEP_MS: about four seconds of play under chaos. */
const STEPS = 80;
const STEP_MS = 50;

let server: TestServer;
beforeAll(async () => {
  // A long round, so the run stays in one; a wide reconnection window, so a seat is never lost by waiting.
  server = await startTestServer({ RECONNECT_SECONDS: "30", ARENA_ROUND_SECONDS: "600", ...(process.env.CHAOS_LOG ? { LOG_LEVEL: process.env.CHAOS_LOG } : {}) });
});
afterAll(async () => {
  await server.stop();
});

/** What a client must agree with the server about, per player (ping changes on its own clock). */
const record = (p: PlayerState) => ({ name: p.name, x: p.x, y: p.y, hp: p.hp, alive: p.alive, score: p.score, deaths: p.deaths, connected: p.connected, bot: p.bot });
const players = (state: ArenaState) => Object.fromEntries([...state.players.entries()].map(([id, p]) => [id, record(p)]));

/** The invariants of one view of the state; returns what is wrong, or nothing. */
function violations(state: ArenaState, map: ArenaMap, who: string): string[] {
  const bad: string[] = [];
  state.players?.forEach((p, id) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) bad.push(`${who}: ${id} at NaN (${p.x}, ${p.y})`);
    else if (p.x < 0 || p.y < 0 || p.x > map.width || p.y > map.height) bad.push(`${who}: ${id} outside the map at (${p.x}, ${p.y})`);
    if (!(p.hp >= 0 && p.hp <= MAX_HP)) bad.push(`${who}: ${id} hp ${p.hp}`);
    if (!Number.isInteger(p.score) || !Number.isInteger(p.deaths) || p.deaths < 0) bad.push(`${who}: ${id} score ${p.score}, deaths ${p.deaths}`);
  });
  return bad;
}

/** Every session in at most one room, across every room of the process. */
async function sessionsInTwoRooms(): Promise<string[]> {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const listing of await matchMaker.query({})) {
    const room = matchMaker.getLocalRoomById(listing.roomId) as { state?: { players?: Map<string, unknown> } } | undefined;
    for (const id of room?.state?.players?.keys() ?? []) {
      if (seen.has(id)) twice.push(`${id} in ${seen.get(id)} and ${listing.roomId}`);
      seen.set(id, listing.roomId);
    }
  }
  return twice;
}

interface Player {
  room: Room<ArenaState>;
  client?: ArenaClient;
}

async function play(seed: number, run: ChaosRun): Promise<void> {
  const first = await new Client(run.net.url).create<ArenaState>("arena", joinOptions("pilot-1"));
  await untilState(first, () => first.state.players?.get(first.sessionId) !== undefined);
  const pilots: Player[] = [{ room: first, client: new ArenaClient(first) }];
  const second = await new Client(run.net.url).joinById<ArenaState>(first.roomId, joinOptions("pilot-2"));
  await untilState(second, () => second.state.players?.get(second.sessionId) !== undefined);
  pilots.push({ room: second, client: new ArenaClient(second) });
  const bots = [await Bot.join(new Client(run.net.url), "bot-1", { roomId: first.roomId, seed }), await Bot.join(new Client(run.net.url), "bot-2", { roomId: first.roomId, seed: seed + 1 })];
  const rooms = [...pilots.map((p) => p.room), ...bots.map((b) => b.room)];
  rooms.forEach(reconnectAlways);
  const srv = server.serverRoom<ArenaRoom>(first.roomId);
  const map = mapById(srv.state.mapId);
  const stopBots = driveBots(bots);
  try {
    const intents: Intent[] = pilots.map(() => ({ dx: 0, dy: 0, aim: 0, fire: false }));
    for (let step = 0; step < STEPS; step++) {
      chaosStep(run.net, run.rng, run.log, step, rooms);
      pilots.forEach((p, i) => {
        if (step % 10 === i * 5) intents[i] = { dx: randomInt(run.rng, 3) - 1, dy: randomInt(run.rng, 3) - 1, aim: run.rng.next() * Math.PI * 2, fire: run.rng.next() < 0.4 };
        p.client!.frame(performance.now(), intents[i]!);
      });
      const bad = [...violations(srv.state, map, "server"), ...rooms.flatMap((r, i) => violations(r.state, map, `client ${i}`))];
      // A seat is held through every drop: each client's session is still in the room.
      for (const r of rooms) if (!srv.state.players.has(r.sessionId)) bad.push(`seat of ${r.sessionId} lost at step ${step}`);
      if (step % 20 === 0) bad.push(...(await sessionsInTwoRooms()));
      expect(bad, run.where()).toEqual([]);
      await pause(STEP_MS);
    }
    stopBots();
    await heal(run, rooms);
    // Stand still for a few frames, then send nothing until the server has acked every intent.
    const still: Intent = { dx: 0, dy: 0, aim: 0, fire: false };
    for (let i = 0; i < 10; i++) {
      pilots.forEach((p) => p.client!.frame(performance.now(), still));
      await pause(STEP_MS);
    }
    await eventually(() => pilots.every((p) => p.room.input().pendingCount === 0), `every pilot's intents acked; ${run.where()}`);
    // Then every client's view of the players equals the server's (a shot still in flight may land first).
    await eventually(() => rooms.every((r) => JSON.stringify(players(r.state)) === JSON.stringify(players(srv.state))), `views equal the server's; ${run.where()}`).catch((e: Error) => {
      for (const r of rooms) expect(players(r.state), run.where()).toEqual(players(srv.state));
      throw e;
    });
    expect(Object.keys(players(srv.state)).sort(), run.where()).toEqual(rooms.map((r) => r.sessionId).sort());
    for (const p of pilots) {
      const truth = srv.game.world.players.get(p.room.sessionId)!;
      const predicted = p.client!.predictedPosition()!;
      expect(Math.abs(predicted.x - truth.x), `${p.room.sessionId} predicted x ${predicted.x}, server ${truth.x}; ${run.where()}`).toBeLessThan(0.01);
      expect(Math.abs(predicted.y - truth.y), `${p.room.sessionId} predicted y ${predicted.y}, server ${truth.y}; ${run.where()}`).toBeLessThan(0.01);
    }
  } finally {
    stopBots();
    await leaveAll(rooms);
  }
}

describe("the arena under seeded network chaos", () => {
  it.each(chaosSeeds(PINNED_SEEDS))("seed %i", async (seed) => {
    const run = await startChaos(server, seed, FILE);
    try {
      await play(seed, run);
    } finally {
      await run.close();
    }
  }, 60_000);
});
