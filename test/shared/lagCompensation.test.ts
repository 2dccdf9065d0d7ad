/**
 * Lag compensation in the simulation itself: a shot carries the tick its shooter saw, and is
 * judged against the other players' places then, within the cap. Scripted on a plain map:
 * the target walks down a lane; the shooter fires, from the side, where it saw the target.
 */
import { describe, expect, it } from "vitest";
import { FIXED_DT, FIXED_DT_MS } from "../../shared/constants.ts";
import type { ArenaMap } from "../../shared/arena/maps.ts";
import { MAX_HP, PLAYER_RADIUS, PLAYER_SPEED, PROJECTILE_RADIUS, PROJECTILE_SPEED } from "../../shared/arena/tuning.ts";
import { lagCapTicks, positionAt, rewindTicks } from "../../shared/arena/lagCompensation.ts";
import { intentProblem } from "../../shared/arena/input.ts";
import { createRng } from "../../shared/rng.ts";
import { boxMap } from "../helpers/boxMap.ts";
import { step } from "../../shared/arena/step.ts";
import { createPlayer, createWorld, type Intent, type SimEvent, type World } from "../../shared/arena/world.ts";

/** Cover beside the lane (x 400), below y 600: the shooter (x 300, y 500) cannot see past y ≈ 660. */
const LANE: ArenaMap = boxMap("lane", [{ x: 340, y: 600, w: 20, h: 380 }], [{ x: 100, y: 100 }]);
const SHOOTER = { x: 300, y: 500 };
const CAP_MS = 250;
const STEP_PX = PLAYER_SPEED * FIXED_DT;

function scene(capTicks: number): World {
  const w = createWorld(LANE, capTicks);
  for (const [id, x, y] of [["shooter", SHOOTER.x, SHOOTER.y], ["target", 400, 200]] as const) {
    const p = createPlayer(id, x, y);
    p.alive = true;
    p.hp = MAX_HP;
    w.players.set(id, p);
  }
  return w;
}

/**
 * Walk the target down for `before` ticks, then fire, aimed where it stood `lag` ticks ago
 * (what a shooter `lag` ticks behind drew), leading it by its speed over the flight; walk on
 * until the shot is spent. Returns the events.
 */
function shoot(w: World, before: number, lag: number): SimEvent[] {
  const rng = createRng(1);
  const down: Intent = { dx: 0, dy: 1, aim: 0, fire: false };
  const events: SimEvent[] = [];
  for (let i = 0; i < before; i++) events.push(...step(w, new Map([["target", [down]]]), FIXED_DT, rng));
  const target = w.players.get("target")!;
  const seen = w.tick - lag;
  const drawn = positionAt(target, Math.min(lag, w.lagCapTicks), { x: 0, y: 0 });
  if (lag > w.lagCapTicks) drawn.y = target.y - lag * STEP_PX; // further back than the trail keeps
  // Lead: where the drawn target will be when the projectile gets there (it moves this tick too).
  let ahead = 0;
  for (let k = 0; k < 3; k++) ahead = (Math.hypot(drawn.x - SHOOTER.x, drawn.y + ahead - SHOOTER.y) - PLAYER_RADIUS - PROJECTILE_RADIUS) / PROJECTILE_SPEED * PLAYER_SPEED;
  const aim = Math.atan2(drawn.y + ahead - SHOOTER.y, drawn.x - SHOOTER.x);
  events.push(...step(w, new Map([["target", [down]], ["shooter", [{ dx: 0, dy: 0, aim, fire: true, seen }]]]), FIXED_DT, rng));
  for (let i = 0; i < 60 && w.projectiles.length > 0; i++) events.push(...step(w, new Map([["target", [down]]]), FIXED_DT, rng));
  return events;
}

const hits = (events: SimEvent[]) => events.filter((e) => e.type === "hit").length;

describe("lag compensation in step()", () => {
  // 150 ms round trip plus the interpolation delay: the shooter draws the target about 15 ticks back.
  const LAG = 15;

  it("hits a moving target where its shooter saw it, and misses it without compensation", () => {
    // Fired when the target is level with the shooter (y 500, 80 ticks down the lane), across its path.
    expect(hits(shoot(scene(lagCapTicks(CAP_MS)), 80, LAG))).toBe(1);
    expect(hits(shoot(scene(0), 80, LAG))).toBe(0);
    // Sanity of the scene: a shooter with no lag hits without compensation.
    expect(hits(shoot(scene(0), 80, 0))).toBe(1);
  });

  it("judges a shot at most the cap in the past: a target in cover longer than that is safe", () => {
    const cap = lagCapTicks(CAP_MS);
    // A high-ping shooter saw the target in the open at y ≈ 590; it walked on into cover (y ≥ 660),
    // where it has been for more than the cap (y > 700): judged at most the cap back, it is found in cover.
    const lag = cap + 30;
    const before = Math.round((590 - 200) / STEP_PX) + lag;
    const w = scene(cap);
    const events = shoot(w, before, lag);
    expect(rewindTicks(w, w.tick - lag - 1)).toBe(cap);
    expect(positionAt(w.players.get("target")!, cap, { x: 0, y: 0 }).y).toBeGreaterThan(700);
    expect(hits(events)).toBe(0);
    // It is the cap that keeps it safe: with no cap short of the shooter's lag, the shot would count.
    expect(hits(shoot(scene(lag), before, lag))).toBe(1);
    // Within the cap, the same kind of shot counts.
    expect(hits(shoot(scene(cap), 80, cap - 2))).toBe(1);
  });

  it("ignores a seen tick from the future or absent, and refuses a malformed one", () => {
    const w = scene(12);
    w.tick = 100;
    expect(rewindTicks(w, 0)).toBe(0);
    expect(rewindTicks(w, undefined)).toBe(0);
    expect(rewindTicks(w, 101)).toBe(0);
    expect(rewindTicks(w, 95)).toBe(5);
    expect(rewindTicks(w, 1)).toBe(12);
    expect(intentProblem({ dx: 0, dy: 0, aim: 0, fire: true, seen: -1 })).toMatch(/seen must be a tick/);
    expect(intentProblem({ dx: 0, dy: 0, aim: 0, fire: true, seen: 1.5 })).toMatch(/seen must be a tick/);
    expect(intentProblem({ dx: 0, dy: 0, aim: 0, fire: true, seen: 7 })).toBeUndefined();
    expect(lagCapTicks(200)).toBe(Math.round(200 / FIXED_DT_MS));
  });
});
