/**
 * What a test player does with the keyboard and mouse, as a person would: hold a movement
 * key until the player gets somewhere, point the mouse, hold the button. Every wait is on
 * the game's own state (`Player.until`), never on the clock.
 */
import type { TestView } from "../../../game/testHooks.ts";
import { PLAYER_RADIUS, PLAYER_SPEED, PROJECTILE_LIFETIME_TICKS, PROJECTILE_RADIUS, PROJECTILE_SPEED } from "../../../shared/arena/tuning.ts";
import { TICK_RATE } from "../../../shared/constants.ts";
import type { Vec } from "../../../shared/geometry.ts";
import type { ArenaMap } from "../../../shared/arena/maps.ts";
import { VIEWPORT } from "./chromium.ts";
import type { Player } from "./Player.ts";
import { canShoot, planRoute, type Leg, type ShotRules } from "./route.ts";

/** The movement keys, [towards smaller, towards larger] coordinate. */
const KEYS = { x: ["a", "d"], y: ["w", "s"] } as const;
/** Within 90% of the projectile's range (about 960 px), so a shot arrives with time to spare. */
export const SHOT_RULES: ShotRules = { minDistance: 100, maxDistance: 0.9 * PROJECTILE_SPEED * (PROJECTILE_LIFETIME_TICKS / TICK_RATE) };
/** More legs than any route on the map needs; walking again after each leg corrects any overshoot. */
const MAX_LEGS = 8;
/** Slack on each leg for start-up and frame hitches, on top of the walking time. */
const LEG_SLACK_MS = 3_000;

/** The local player's own state as this page's server copy shows it. */
export async function self(player: Player): Promise<TestView["players"][number]> {
  const v = await player.view();
  const me = v.players.find((p) => p.id === v.sessionId);
  if (!me) throw new Error(`${player.name} is not in its own view`);
  return me;
}

/** Hold the key for one leg until the predicted position gets there, then let go. */
export async function walk(player: Player, leg: Leg): Promise<void> {
  const at = (await self(player))[leg.axis];
  const dir = Math.sign(leg.to - at);
  if (dir === 0) return;
  const key = KEYS[leg.axis][dir > 0 ? 1 : 0];
  const timeout = (Math.abs(leg.to - at) / PLAYER_SPEED) * 1000 + LEG_SLACK_MS;
  await player.page.keyboard.down(key);
  try {
    await player.until(
      (v, a) => v.me !== undefined && (a.dir > 0 ? v.me[a.axis] >= a.to : v.me[a.axis] <= a.to),
      { ...leg, dir },
      `it walks to ${leg.axis}=${leg.to}`,
      timeout,
    );
  } finally {
    await player.page.keyboard.up(key);
  }
  await standStill(player);
}

/** Resolves once the server has the player where its own prediction has it: it has stopped. */
export async function standStill(player: Player): Promise<void> {
  await player.until(
    (v) => v.players.some((p) => p.id === v.sessionId && v.me !== undefined && p.x === v.me.x && p.y === v.me.y),
    undefined,
    "the server has it standing where it predicted",
  );
}

/**
 * Walk, re-planning after each leg from where the player really is, until it has a clean shot
 * at `target`. `walkLeg` walks one leg: with the keys by default (a touch test passes its stick).
 */
export async function walkIntoRange(player: Player, map: ArenaMap, target: Vec, walkLeg: (player: Player, leg: Leg) => Promise<void> = walk, rules: ShotRules = SHOT_RULES): Promise<void> {
  for (let legs = 0; legs < MAX_LEGS; legs++) {
    const me = await self(player);
    if (canShoot(map, me, target, rules)) return;
    const route = planRoute(map, me, target, rules);
    if (!route) throw new Error(`no route from (${me.x}, ${me.y}) to a shot at (${target.x}, ${target.y})`);
    await walkLeg(player, route[0]!);
  }
  throw new Error(`${player.name} has no shot at (${target.x}, ${target.y}) after ${MAX_LEGS} legs`);
}

/**
 * Point the mouse from the player towards `target` (only the direction matters for aim, so the
 * pointer stays on screen however far the target is), and wait until the server has that aim.
 */
export async function aimAt(player: Player, target: Vec): Promise<void> {
  const v = await player.view();
  const me = await self(player);
  if (!v.camera) throw new Error(`${player.name} has no camera yet`);
  const angle = Math.atan2(target.y - me.y, target.x - me.x);
  // Screen = (world - camera) * zoom; then go along the aim as far as stays on screen.
  const from = { x: (me.x - v.camera.x) * v.camera.zoom, y: (me.y - v.camera.y) * v.camera.zoom };
  const reach = onScreenReach(from, angle);
  await player.page.mouse.move(from.x + Math.cos(angle) * reach, from.y + Math.sin(angle) * reach);
  await untilAimed(player, me, target);
}

/** Resolves once the server has the player at `me` aiming at `target`, close enough that a shot cannot miss. */
export async function untilAimed(player: Player, me: Vec, target: Vec): Promise<void> {
  const angle = Math.atan2(target.y - me.y, target.x - me.x);
  // Half the angle the target's hit circle covers: an aim this close cannot miss.
  const tolerance = Math.atan2(PLAYER_RADIUS + PROJECTILE_RADIUS, Math.hypot(target.x - me.x, target.y - me.y)) / 2;
  await player.until(
    (view, a) =>
      view.players.some((p) => p.id === view.sessionId && Math.abs(Math.atan2(Math.sin(p.aim - a.angle), Math.cos(p.aim - a.angle))) < a.tolerance),
    { angle, tolerance },
    `the server has its aim at ${angle.toFixed(3)} rad`,
  );
}

/** How far (up to 100 px, clear of the corner panels) a point can go from `from` along `angle` and stay 12 px inside the viewport. */
function onScreenReach(from: Vec, angle: number): number {
  const margin = 12;
  const limit = (pos: number, d: number, size: number): number =>
    d > 0 ? (size - margin - pos) / d : d < 0 ? (margin - pos) / d : Number.POSITIVE_INFINITY;
  const reach = Math.min(100, limit(from.x, Math.cos(angle), VIEWPORT.width), limit(from.y, Math.sin(angle), VIEWPORT.height));
  if (reach < 24) throw new Error(`the player at screen (${from.x}, ${from.y}) is too near the edge to aim with the mouse`);
  return reach;
}
