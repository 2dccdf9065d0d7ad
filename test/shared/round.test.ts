import { describe, expect, it } from "vitest";
import { ArenaGame, type MatchEvent } from "../../shared/arena/ArenaGame.ts";
import { FOUNDRY } from "../../shared/arena/maps.ts";
import { Phase } from "../../shared/arena/round.ts";
import { FIXED_DT } from "../../shared/constants.ts";

const TIMING = { roundTicks: 30, intermissionTicks: 10 };

function run(game: ArenaGame, ticks: number, dx = 1): MatchEvent[] {
  const events: MatchEvent[] = [];
  for (let i = 0; i < ticks; i++) events.push(...game.tick(new Map([["a", [{ dx, dy: 0, aim: 0, fire: false }]]]), FIXED_DT));
  return events;
}

describe("rounds", () => {
  it("ends a round after its length, holds the world still, then starts the next with scores reset", () => {
    const game = new ArenaGame(FOUNDRY, 1, TIMING);
    const a = game.join("a");
    a.score = 4;
    const events = run(game, 30);
    expect(events).toContainEqual({ type: "round_end", round: 1 });
    expect(game.round.phase).toBe(Phase.Intermission);

    const frozenAt = { x: a.x, y: a.y };
    const during = run(game, 9);
    expect(during).toEqual([]);
    expect({ x: a.x, y: a.y }).toEqual(frozenAt);
    expect(a.score).toBe(4); // the scoreboard still shows the round's result

    expect(run(game, 1)).toContainEqual({ type: "round_start", round: 2 });
    expect(game.round).toMatchObject({ phase: Phase.Playing, round: 2, ticksLeft: 30 });
    expect(a.score).toBe(0);
    expect(a.alive).toBe(true);
  });

  it("lets a player who joins mid-round play at once", () => {
    const game = new ArenaGame(FOUNDRY, 1, TIMING);
    run(game, 10);
    const late = game.join("a");
    const x = late.x;
    run(game, 5, late.x > FOUNDRY.width / 2 ? -1 : 1);
    expect(late.alive).toBe(true);
    expect(late.x).not.toBe(x);
  });
});
