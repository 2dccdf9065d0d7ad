/**
 * The bot smoke test `npm test` runs: on a real server, three real SDK bots placed a short
 * shot apart play for a few seconds and must move, fire and score (a kill the server
 * announces and the state shows), and a killed bot must play on after it respawns.
 * Everything waits on state patches, never on the wall clock; the budgets are generous
 * (a kill usually comes within a few seconds), so a busy machine slows the test, not fails it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot } from "../../headless/bots/Bot.ts";
import { driveBots } from "../../headless/bots/driveBots.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { Msg, type GameEvent } from "../../shared/protocol.ts";
import { startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

/** Open floor on the Foundry map, a short shot apart. */
const PLACES = [
  { x: 300, y: 560 },
  { x: 420, y: 610 },
  { x: 300, y: 680 },
];
/** A player moves 3.75 px per tick, three ticks per patch; a larger jump is a respawn. */
const MAX_STEP_PER_PATCH = 20;
/** Patches (20 a second) each stage may take: 30 s, several times what it needs. */
const PATCH_BUDGET = 600;

interface Seen {
  moved: boolean;
  fired: boolean;
  /** Moved on its own after having died and respawned. */
  movedAfterRespawn: boolean;
  last?: { x: number; y: number; alive: boolean; deaths: number };
}

describe("bots", { timeout: 120_000 }, () => {
  it("move, fire and score against each other, and play on after respawning", async () => {
    const first = await Bot.join(server.client(), "bot-1");
    const rest = await Promise.all([2, 3].map((i) => Bot.join(server.client(), `bot-${i}`, { roomId: first.room.roomId })));
    const bots = [first, ...rest];
    const world = server.serverRoom<ArenaRoom>(first.room.roomId).game.world;
    bots.forEach((bot, i) => Object.assign(world.players.get(bot.sessionId)!, PLACES[i]));

    const state = first.room.state;
    const kills: Array<Extract<GameEvent, { type: "kill" }>> = [];
    first.room.onMessage(Msg.Event, (e: GameEvent) => {
      if (e.type === "kill") kills.push(e);
    });
    await untilState(first.room, () => bots.every((b, i) => state.players.get(b.sessionId)!.x === PLACES[i]!.x));

    // Watch every bot through one client's eyes, patch by patch.
    const seen = new Map<string, Seen>(bots.map((b) => [b.sessionId, { moved: false, fired: false, movedAfterRespawn: false }]));
    first.room.onStateChange(() => {
      // A `.view()` collection is absent until its first projectile is near this client.
      state.projectiles?.forEach((p) => {
        const s = seen.get(p.owner);
        if (s) s.fired = true;
      });
      for (const [id, s] of seen) {
        const p = state.players.get(id);
        if (!p) continue;
        const step = s.last ? Math.hypot(p.x - s.last.x, p.y - s.last.y) : 0;
        if (s.last?.alive && p.alive && step > 0 && step < MAX_STEP_PER_PATCH) {
          s.moved = true;
          if (p.deaths > 0) s.movedAfterRespawn = true;
        }
        s.last = { x: p.x, y: p.y, alive: p.alive, deaths: p.deaths };
      }
    });

    const stop = driveBots(bots);
    try {
      await untilState(first.room, () => kills.length > 0 && [...state.players.values()].some((p) => p.score > 0), PATCH_BUDGET);
      await untilState(first.room, () => [...seen.values()].some((s) => s.movedAfterRespawn), PATCH_BUDGET);
      await untilState(first.room, () => [...seen.values()].every((s) => s.moved && s.fired), PATCH_BUDGET);
    } finally {
      stop();
    }
    // Scored: the server announced a kill of one bot by another, and the state agrees.
    const ids = bots.map((b) => b.sessionId);
    const kill = kills[0]!;
    expect(ids).toContain(kill.killer);
    expect(ids).toContain(kill.victim);
    expect(kill.killer).not.toBe(kill.victim);
    expect(state.players.get(kill.killer)!.score).toBeGreaterThanOrEqual(1);
    expect(state.players.get(kill.victim)!.deaths).toBeGreaterThanOrEqual(1);
    // Moved and fired, every one of them: seen in the state, and sent as intents.
    for (const bot of bots) {
      expect(seen.get(bot.sessionId)).toMatchObject({ moved: true, fired: true });
      expect(bot.stats.fired).toBeGreaterThan(0);
    }
    await Promise.all(bots.map((b) => b.leave()));
  });
});
