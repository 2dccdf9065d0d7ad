import { FIRE_COOLDOWN_TICKS, PLAYER_RADIUS, PROJECTILE_DAMAGE, PROJECTILE_LIFETIME_TICKS, PROJECTILE_RADIUS, PROJECTILE_SPEED, RESPAWN_TICKS } from "./tuning.ts";
import { circleHitsAny, pointSegmentDistanceSq } from "../geometry.ts";
import type { Rng } from "../rng.ts";
import { bounceDrones } from "./drones.ts";
import { movePlayer, quantize } from "./movement.ts";
import { spawnPlayer } from "./spawn.ts";
import type { Intent, PlayerSim, ProjectileSim, SimEvent, World } from "./world.ts";
import { positionAt, recordTrails, rewindTicks } from "./lagCompensation.ts";

const NO_INTENTS: readonly Intent[] = [];
const HIT_DISTANCE_SQ = (PLAYER_RADIUS + PROJECTILE_RADIUS) ** 2;

/**
 * Advance the world by one fixed tick. The only place the arena's rules live:
 * the server room calls it every tick, and the client calls it to predict its own player.
 *
 * Deterministic: no clock, no I/O, and randomness only from `rng`. It mutates `world`
 * in place (allocation-free on the hot path) and returns what happened.
 *
 * `inputs` maps a player id to the intents to apply this tick, oldest first
 * (usually one; two when the server catches up a backlog; none when a client is silent,
 * in which case the player stands still rather than repeating a guess).
 *
 * @example
 * const world = createWorld(FOUNDRY);
 * const events = step(world, new Map([["p1", [{ dx: 1, dy: 0, aim: 0, fire: false }]]]), FIXED_DT, createRng(7));
 */
export function step(world: World, inputs: ReadonlyMap<string, readonly Intent[]>, dt: number, rng: Rng): SimEvent[] {
  const events: SimEvent[] = [];
  for (const p of world.players.values()) {
    if (p.cooldown > 0) p.cooldown--;
    for (const intent of inputs.get(p.id) ?? NO_INTENTS) applyIntent(world, p, intent, dt);
  }
  recordTrails(world);
  moveProjectiles(world, events, dt);
  respawnDead(world, rng, events);
  world.tick++;
  bounceDrones(world.drones, world.map, world.tick, world.turnedDrones);
  return events;
}

function applyIntent(world: World, p: PlayerSim, intent: Intent, dt: number): void {
  p.aim = intent.aim;
  if (!p.alive) return;
  movePlayer(p, intent.dx, intent.dy, dt, world.map);
  if (intent.fire && p.cooldown === 0) fire(world, p, rewindTicks(world, intent.seen));
}

function fire(world: World, p: PlayerSim, rewind: number): void {
  const cos = Math.cos(p.aim);
  const sin = Math.sin(p.aim);
  const muzzle = PLAYER_RADIUS + PROJECTILE_RADIUS + 1;
  world.projectiles.push({
    id: world.nextProjectileId++,
    owner: p.id,
    x: quantize(p.x + cos * muzzle),
    y: quantize(p.y + sin * muzzle),
    vx: cos * PROJECTILE_SPEED,
    vy: sin * PROJECTILE_SPEED,
    ttl: PROJECTILE_LIFETIME_TICKS,
    rewind,
  });
  p.cooldown = FIRE_COOLDOWN_TICKS;
}

function moveProjectiles(world: World, events: SimEvent[], dt: number): void {
  const kept: ProjectileSim[] = [];
  for (const pr of world.projectiles) {
    if (advanceProjectile(world, pr, events, dt)) kept.push(pr);
  }
  world.projectiles = kept;
}

/** Move one projectile along its path this tick; false when it hit something or expired. */
function advanceProjectile(world: World, pr: ProjectileSim, events: SimEvent[], dt: number): boolean {
  const from = { x: pr.x, y: pr.y };
  const to = { x: pr.x + pr.vx * dt, y: pr.y + pr.vy * dt };
  const victim = firstPlayerOnPath(world, pr.owner, from, to, pr.rewind);
  // Check the wall at the midpoint as well, so a fast projectile cannot tunnel through thin cover.
  const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  const walls = world.map.walls;
  const wallAtMid = circleHitsAny(mid.x, mid.y, PROJECTILE_RADIUS, walls);
  if (victim && !wallAtMid) {
    damage(world, pr.owner, victim, events);
    return false;
  }
  if (wallAtMid || circleHitsAny(to.x, to.y, PROJECTILE_RADIUS, walls)) return false;
  pr.x = quantize(to.x);
  pr.y = quantize(to.y);
  pr.ttl--;
  return pr.ttl > 0;
}

const seenAt = { x: 0, y: 0 };

/** The nearest living player (other than the owner) the path crosses, each where the shooter saw it `rewind` ticks ago. */
function firstPlayerOnPath(world: World, owner: string, from: { x: number; y: number }, to: { x: number; y: number }, rewind: number): PlayerSim | undefined {
  let best: PlayerSim | undefined;
  let bestAlong = Number.POSITIVE_INFINITY;
  for (const p of world.players.values()) {
    if (!p.alive || p.id === owner) continue;
    const at = positionAt(p, rewind, seenAt);
    if (pointSegmentDistanceSq(at, from, to) >= HIT_DISTANCE_SQ) continue;
    const along = (at.x - from.x) ** 2 + (at.y - from.y) ** 2;
    if (along < bestAlong) {
      best = p;
      bestAlong = along;
    }
  }
  return best;
}

function damage(world: World, shooterId: string, victim: PlayerSim, events: SimEvent[]): void {
  victim.hp = Math.max(0, victim.hp - PROJECTILE_DAMAGE);
  events.push({ type: "hit", shooter: shooterId, victim: victim.id, damage: PROJECTILE_DAMAGE });
  if (victim.hp > 0) return;
  victim.alive = false;
  victim.deaths++;
  victim.respawnIn = RESPAWN_TICKS;
  const shooter = world.players.get(shooterId);
  if (shooter) shooter.score++;
  events.push({ type: "kill", killer: shooterId, victim: victim.id });
}

function respawnDead(world: World, rng: Rng, events: SimEvent[]): void {
  for (const p of world.players.values()) {
    if (p.alive || p.respawnIn <= 0) continue;
    if (--p.respawnIn === 0) {
      spawnPlayer(world, p, rng);
      events.push({ type: "respawn", player: p.id });
    }
  }
}
