/**
 * The bot's decisions against the shared rules alone (no network): it must roam the map
 * without getting stuck on walls, and two bots must find and kill each other.
 */
import { describe, expect, it } from "vitest";
import { BotBrain } from "../../shared/arena/bots/BotBrain.ts";
import { FIXED_DT, TICK_RATE } from "../../shared/constants.ts";
import { FOUNDRY } from "../../shared/arena/maps.ts";
import { step } from "../../shared/arena/step.ts";
import { createPlayer, createWorld, type Intent, type World } from "../../shared/arena/world.ts";
import { createRng } from "../../shared/rng.ts";

function worldWithBots(places: Array<{ x: number; y: number }>): { world: World; brains: Map<string, BotBrain> } {
  const world = createWorld(FOUNDRY);
  const brains = new Map<string, BotBrain>();
  places.forEach((at, i) => {
    const p = createPlayer(`b${i}`, at.x, at.y);
    p.alive = true;
    p.hp = 100;
    world.players.set(p.id, p);
    brains.set(p.id, new BotBrain(FOUNDRY, createRng(100 + i)));
  });
  return { world, brains };
}

/** One tick: every brain decides from the world as it stands, then the rules run. */
function tick(world: World, brains: Map<string, BotBrain>, rng = createRng(1)): void {
  const inputs = new Map<string, Intent[]>();
  for (const [id, brain] of brains) inputs.set(id, [brain.think(world.players.get(id), world.players.values(), FIXED_DT)]);
  step(world, inputs, FIXED_DT, rng);
}

describe("bot brain", () => {
  it("roams the map without getting stuck against walls", () => {
    // Start pressed against the centre block, the worst place to be.
    const { world, brains } = worldWithBots([{ x: 700, y: 600 }]);
    const bot = world.players.get("b0")!;
    const cells = new Set<string>();
    let still = 0;
    let longestStill = 0;
    for (let i = 0; i < 60 * TICK_RATE; i++) {
      const before = { x: bot.x, y: bot.y };
      tick(world, brains);
      cells.add(`${Math.floor(bot.x / 200)},${Math.floor(bot.y / 200)}`);
      still = bot.x === before.x && bot.y === before.y ? still + 1 : 0;
      longestStill = Math.max(longestStill, still);
    }
    expect(cells.size).toBeGreaterThanOrEqual(12); // of 48 cells of 200 px
    expect(longestStill).toBeLessThan(TICK_RATE); // never stands still for a second
  });

  it("finds, aims at and kills another bot, and keeps playing after respawn", () => {
    const { world, brains } = worldWithBots([
      { x: 300, y: 420 },
      { x: 1300, y: 780 },
    ]);
    const rng = createRng(5);
    let ticks = 0;
    const kills = () => [...world.players.values()].reduce((n, p) => n + p.score, 0);
    while (kills() < 3 && ticks < 120 * TICK_RATE) {
      tick(world, brains, rng);
      ticks++;
    }
    expect(kills()).toBeGreaterThanOrEqual(3);
  });
});
