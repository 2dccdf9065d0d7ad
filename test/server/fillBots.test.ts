/**
 * FillBots on its own, over the real ArenaGame and ArenaState (no server): how many bots it
 * seats for how many people, which one leaves first, and how bots are named and numbered.
 */
import { describe, expect, it } from "vitest";
import { BOT_ID_PREFIX, FillBots } from "../../server/rooms/arena/FillBots.ts";
import { ArenaGame } from "../../shared/arena/ArenaGame.ts";
import { FOUNDRY } from "../../shared/arena/maps.ts";
import { ArenaState } from "../../shared/arena/schema.ts";
import type { Intent } from "../../shared/arena/world.ts";

function fill(minimum: number) {
  const game = new ArenaGame(FOUNDRY, 7, { roundTicks: 1000, intermissionTicks: 100 });
  const state = new ArenaState();
  const bots = new FillBots(game, state, minimum, 7);
  const names = () => [...state.players.values()].map((p) => p.name).sort();
  return { game, state, bots, names };
}

describe("fill bots", () => {
  it("seats minimum − people bots, none for an empty room, and the same ones in the world and the state", () => {
    const { game, state, bots } = fill(6);
    expect(bots.fit(0)).toBe(false);
    expect(state.players.size).toBe(0);
    bots.fit(1);
    expect(bots.count).toBe(5);
    expect([...state.players.keys()].sort()).toEqual([...game.world.players.keys()].sort());
    expect([...state.players.values()].every((p) => p.bot)).toBe(true);
    expect([...state.players.keys()].every((id) => id.startsWith(BOT_ID_PREFIX))).toBe(true);
    bots.fit(6);
    expect(bots.count).toBe(0);
    bots.fit(9);
    expect(bots.count).toBe(0);
    bots.fit(2);
    expect(bots.count).toBe(4);
    bots.fit(0);
    expect(state.players.size).toBe(0);
    expect(game.world.players.size).toBe(0);
  });

  it("sends the newest bot away first and names a newcomer with the lowest free number, under a fresh id", () => {
    const { state, bots, names } = fill(4);
    bots.fit(1);
    const ids = new Set(state.players.keys());
    expect(names()).toEqual(["Bot 1", "Bot 2", "Bot 3"]);
    bots.fit(2);
    expect(names()).toEqual(["Bot 1", "Bot 2"]);
    bots.fit(1);
    expect(names()).toEqual(["Bot 1", "Bot 2", "Bot 3"]);
    const newcomer = [...state.players.keys()].find((id) => !ids.has(id));
    expect(newcomer).toBeDefined();
    expect(state.players.get(newcomer!)!.name).toBe("Bot 3");
  });

  it("gives every bot one valid intent a tick, and the two of them find each other and fire", () => {
    const { game, bots } = fill(3);
    bots.fit(1);
    const seen = new Map<string, number>();
    for (let t = 0; t < 30 * 20; t++) {
      const inputs = new Map<string, Intent[]>();
      for (const [id, input] of bots.intents(1 / 30)) {
        seen.set(id, (seen.get(id) ?? 0) + 1);
        expect([-1, 0, 1]).toContain(input.dx);
        expect([-1, 0, 1]).toContain(input.dy);
        inputs.set(id, [{ dx: input.dx, dy: input.dy, aim: input.aim, fire: input.fire }]);
      }
      game.tick(inputs, 1 / 60, 2);
    }
    expect([...seen.values()]).toEqual([600, 600]); // two bots beside one (absent) person
    expect(game.world.nextProjectileId).toBeGreaterThan(1);
  });
});
