import { describe, expect, it } from "vitest";
import { FIXED_DT } from "../../shared/constants.ts";
import { MAX_HP, PLAYER_RADIUS, PLAYER_SPEED, PROJECTILE_DAMAGE, RESPAWN_TICKS, FIRE_COOLDOWN_TICKS } from "../../shared/arena/tuning.ts";
import type { ArenaMap } from "../../shared/arena/maps.ts";
import { FOUNDRY } from "../../shared/arena/maps.ts";
import { createRng } from "../../shared/rng.ts";
import { boxMap } from "../helpers/boxMap.ts";
import { step } from "../../shared/arena/step.ts";
import { createPlayer, createWorld, type Intent, type World } from "../../shared/arena/world.ts";

/** A bare box with one wall in the middle, so distances are easy to reason about. */
const BOX: ArenaMap = boxMap("box", [{ x: 600, y: 0, w: 20, h: 1000 }], [{ x: 100, y: 100 }, { x: 300, y: 300 }]);

function worldWith(map: ArenaMap, ...players: Array<[string, number, number]>): World {
  const w = createWorld(map);
  for (const [id, x, y] of players) {
    const p = createPlayer(id, x, y);
    p.alive = true;
    p.hp = MAX_HP;
    w.players.set(id, p);
  }
  return w;
}

const intent = (part: Partial<Intent>): Intent => ({ dx: 0, dy: 0, aim: 0, fire: false, ...part });
const run = (w: World, ticks: number, make: () => Map<string, Intent[]>, rngSeed = 1) => {
  const rng = createRng(rngSeed);
  const events = [];
  for (let i = 0; i < ticks; i++) events.push(...step(w, make(), FIXED_DT, rng));
  return events;
};

describe("movement", () => {
  it("moves a player at PLAYER_SPEED in the intended direction", () => {
    const w = worldWith(BOX, ["a", 200, 500]);
    run(w, 60, () => new Map([["a", [intent({ dx: 1 })]]]));
    expect(w.players.get("a")!.x).toBeCloseTo(200 + PLAYER_SPEED, 0);
    expect(w.players.get("a")!.y).toBe(500);
  });

  it("moves diagonally at the same speed, not faster", () => {
    const w = worldWith(BOX, ["a", 200, 200]);
    run(w, 60, () => new Map([["a", [intent({ dx: 1, dy: 1 })]]]));
    const p = w.players.get("a")!;
    const distance = Math.hypot(p.x - 200, p.y - 200);
    // Within 2%: each axis is snapped to the 1/16 px grid every tick.
    expect(distance).toBeGreaterThan(PLAYER_SPEED * 0.98);
    expect(distance).toBeLessThan(PLAYER_SPEED * 1.02);
  });

  it("does not move a player who sent nothing", () => {
    const w = worldWith(BOX, ["a", 200, 500], ["b", 300, 500]);
    run(w, 30, () => new Map([["a", [intent({ dx: 1 })]]]));
    expect(w.players.get("b")!).toMatchObject({ x: 300, y: 500 });
  });
});

describe("walls", () => {
  it("stops a player at a wall and lets it slide along it", () => {
    const w = worldWith(BOX, ["a", 550, 500]);
    run(w, 60, () => new Map([["a", [intent({ dx: 1, dy: 1 })]]]));
    const p = w.players.get("a")!;
    expect(p.x).toBeLessThanOrEqual(600 - PLAYER_RADIUS);
    expect(p.x).toBeGreaterThan(600 - PLAYER_RADIUS - 2);
    expect(p.y).toBeGreaterThan(600); // kept sliding downwards
  });

  it("keeps a player inside the arena border", () => {
    const w = worldWith(BOX, ["a", 50, 50]);
    run(w, 120, () => new Map([["a", [intent({ dx: -1, dy: -1 })]]]));
    const p = w.players.get("a")!;
    expect(p.x).toBeGreaterThanOrEqual(10 + PLAYER_RADIUS);
    expect(p.y).toBeGreaterThanOrEqual(10 + PLAYER_RADIUS);
  });

  it("stops projectiles at walls", () => {
    const w = worldWith(BOX, ["a", 500, 500], ["b", 700, 500]);
    const events = run(w, 60, () => new Map([["a", [intent({ fire: true, aim: 0 })]]]));
    expect(events.filter((e) => e.type === "hit")).toHaveLength(0);
    expect(w.players.get("b")!.hp).toBe(MAX_HP);
    expect(w.projectiles.every((p) => p.x < 600)).toBe(true);
  });
});

describe("combat", () => {
  it("a projectile hits the player it is aimed at and costs HP", () => {
    const w = worldWith(BOX, ["a", 100, 500], ["b", 400, 500]);
    step(w, new Map([["a", [intent({ fire: true, aim: 0 })]]]), FIXED_DT, createRng(1));
    const events = run(w, 60, () => new Map());
    expect(events).toContainEqual({ type: "hit", shooter: "a", victim: "b", damage: PROJECTILE_DAMAGE });
    expect(w.players.get("b")!.hp).toBe(MAX_HP - PROJECTILE_DAMAGE);
    expect(w.players.get("a")!.hp).toBe(MAX_HP);
  });

  it("enforces the fire cooldown however often fire is sent", () => {
    const w = worldWith(BOX, ["a", 100, 100]);
    run(w, 60, () => new Map([["a", [intent({ fire: true, aim: Math.PI / 2 }), intent({ fire: true, aim: Math.PI / 2 })]]]));
    const shots = w.nextProjectileId - 1;
    expect(shots).toBe(Math.ceil(60 / FIRE_COOLDOWN_TICKS));
  });

  it("kills at 0 HP, scores the killer, and respawns after the delay at full HP", () => {
    const w = worldWith(BOX, ["a", 100, 500], ["b", 400, 500]);
    const events = run(w, 600, () => new Map([["a", [intent({ fire: true, aim: 0 })]]]));
    const kill = events.findIndex((e) => e.type === "kill");
    expect(kill).toBeGreaterThanOrEqual(0);
    expect(events[kill]).toEqual({ type: "kill", killer: "a", victim: "b" });
    expect(w.players.get("a")!.score).toBeGreaterThanOrEqual(1);
    expect(w.players.get("b")!.deaths).toBeGreaterThanOrEqual(1);
    expect(events.some((e) => e.type === "respawn" && e.player === "b")).toBe(true);
  });

  it("a dead player cannot move or fire until it respawns", () => {
    const w = worldWith(BOX, ["a", 100, 500]);
    const a = w.players.get("a")!;
    a.alive = false;
    a.hp = 0;
    a.respawnIn = RESPAWN_TICKS;
    run(w, RESPAWN_TICKS - 1, () => new Map([["a", [intent({ dx: 1, fire: true })]]]));
    expect(a).toMatchObject({ x: 100, y: 500, alive: false });
    expect(w.projectiles).toHaveLength(0);
    step(w, new Map(), FIXED_DT, createRng(1));
    expect(a.alive).toBe(true);
    expect(a.hp).toBe(MAX_HP);
  });

  it("respawns at a spawn point away from living players", () => {
    const w = worldWith(FOUNDRY, ["a", 100, 100], ["b", 800, 300]);
    const b = w.players.get("b")!;
    b.alive = false;
    b.respawnIn = 1;
    step(w, new Map(), FIXED_DT, createRng(3));
    expect(FOUNDRY.spawns).toContainEqual({ x: b.x, y: b.y });
    expect(Math.hypot(b.x - 100, b.y - 100)).toBeGreaterThan(500);
  });
});

describe("determinism", () => {
  /** Three players in a scripted brawl: a and b shoot at each other, c wanders and fires at random. */
  function replay(seed: number): World {
    const w = worldWith(FOUNDRY, ["a", 200, 600], ["b", 500, 600], ["c", 800, 90]);
    const script = createRng(99);
    const dir = () => Math.floor(script.next() * 3) - 1;
    const aimAt = (from: string, to: string) => {
      const f = w.players.get(from)!;
      const t = w.players.get(to)!;
      return Math.atan2(t.y - f.y, t.x - f.x);
    };
    run(
      w,
      900,
      () =>
        new Map([
          ["a", [{ dx: 0, dy: dir(), aim: aimAt("a", "b"), fire: true }]],
          ["b", [{ dx: 0, dy: dir(), aim: aimAt("b", "a"), fire: true }]],
          ["c", [{ dx: dir(), dy: dir(), aim: script.next() * 2 * Math.PI - Math.PI, fire: script.next() < 0.5 }]],
        ]),
      seed,
    );
    return w;
  }

  it("the same inputs and seed give the same state", () => {
    expect(replay(42)).toEqual(replay(42));
  });

  it("the seed matters (respawn choices draw from it)", () => {
    const a = replay(42);
    const b = replay(7);
    expect(a.tick).toBe(b.tick);
    const deaths = [...a.players.values()].reduce((s, p) => s + p.deaths, 0);
    expect(deaths).toBeGreaterThan(0);
    expect(a).not.toEqual(b);
  });
});
