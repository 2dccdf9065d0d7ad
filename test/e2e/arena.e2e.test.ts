/**
 * The game in a real Chromium against the built server: people open the page, type a name,
 * press Quick play, move and shoot. Each player is its own browser with a fresh profile.
 * Reads the game through window.__skirmish.view() (read-only copies of state); acts only
 * with the keyboard and mouse.
 */
import type { TestView } from "../../game/testHooks.ts";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_HP } from "../../shared/arena/tuning.ts";
import { MAPS } from "../../shared/arena/maps.ts";
import { buildClient, logLine, startApp, type App } from "./helpers/app.ts";
import { clearFailures, RESULTS_DIR, saveFailure } from "./helpers/artifacts.ts";
import { findChromium } from "./helpers/chromium.ts";
import { aimAt, self, walkIntoRange } from "./helpers/moves.ts";
import { expectNoPageErrors, Player } from "./helpers/Player.ts";

/** A scenario takes 6–16 s on a two-core box (start-up, then walking at 225 px/s); the rest is headroom. */
const SCENARIO_TIMEOUT_MS = 40_000;
/** This file's folder in test-results/e2e-failures/. */
const SUITE = "arena";

describe("the arena in a real Chromium", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let app: App | undefined;
  let players: Player[] = [];

  beforeAll(async () => {
    clearFailures(SUITE);
    await buildClient();
  }, 60_000);

  // A server and two fresh browsers per scenario, so players never land in the room of the
  // scenario before. Started side by side: each takes seconds on a small CI box.
  beforeEach(async () => {
    // Here rather than in beforeAll: a failing beforeAll reports the scenarios as skipped,
    // and without Chromium each scenario must fail, saying how to install it.
    const chromium = findChromium();
    const [server, ...browsers] = await Promise.allSettled([startApp(), Player.launch("Alice", chromium), Player.launch("Bob", chromium)]);
    if (server.status === "fulfilled") app = server.value;
    for (const b of browsers) if (b.status === "fulfilled") players.push(b.value);
    for (const r of [server, ...browsers]) if (r.status === "rejected") throw r.reason;
  }, 40_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await saveFailure(SUITE, task.name, players, app);
    await Promise.all(players.map((p) => p.close()));
    players = [];
    await app?.stop();
    app = undefined;
  }, 30_000);

  /** Both people open the game at once and press Quick play; they must end up in one room, alone. */
  async function twoPlayersInOneRoom(): Promise<[Player, Player]> {
    const [a, b] = players as [Player, Player];
    await Promise.all([a.quickPlay(app!.url), b.quickPlay(app!.url)]);
    const [aId, bId] = [(await a.view()).sessionId, (await b.view()).sessionId];
    await a.until((v, id) => v.players.some((p) => p.id === id), bId, "Alice sees Bob in her room");
    await b.until((v, id) => v.players.some((p) => p.id === id), aId, "Bob sees Alice in his room");
    // Seated by the server under test (not by some other server the page found) and no one else.
    await Promise.all([aId, bId].map((id) => app!.logged(logLine("seat taken", { session: id }))));
    expect((await a.view()).players.map((p) => p.id).sort()).toEqual([aId, bId].sort());
    return [a, b];
  }

  it("two players in one room see each other move", async () => {
    const [a, b] = await twoPlayersInOneRoom();
    const aId = (await a.view()).sessionId;
    const before = (await b.view()).players.find((p) => p.id === aId)!;
    const map = MAPS[(await a.view()).mapId]!;
    // Towards the middle, where there is always room to walk.
    const key = before.x < map.width / 2 ? "d" : "a";
    await a.page.keyboard.down(key);
    try {
      await b.until((v, s) => v.players.some((p) => p.id === s.id && Math.abs(p.x - s.x) >= 30), { id: aId, x: before.x }, "Alice has moved on Bob's screen", 3_000);
    } finally {
      await a.page.keyboard.up(key);
    }
    expectNoPageErrors(players);
  });

  it("a player shoots another, whose HP drops on both screens", async () => {
    const [a, b] = await twoPlayersInOneRoom();
    const bId = (await b.view()).sessionId;
    const map = MAPS[(await a.view()).mapId]!;
    const bob = async () => (await a.view()).players.find((p) => p.id === bId)!;
    expect((await bob()).hp).toBe(MAX_HP);
    expect((await self(b)).hp).toBe(MAX_HP);

    await walkIntoRange(a, map, await bob());
    await aimAt(a, await bob());
    await a.page.mouse.down();
    try {
      const hurt = (v: TestView, s: { id: string; max: number }) => v.players.some((p) => p.id === s.id && p.hp < s.max);
      await Promise.all([
        b.until(hurt, { id: bId, max: MAX_HP }, "Bob's own screen shows him hit"),
        a.until(hurt, { id: bId, max: MAX_HP }, "Alice's screen shows Bob hit"),
      ]);
    } finally {
      await a.page.mouse.up();
    }
    await a.page.screenshot({ path: `${RESULTS_DIR}two-players.png` });
    expectNoPageErrors(players);
  });
});
