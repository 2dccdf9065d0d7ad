import { MAX_HP, PLAYER_RADIUS } from "./tuning.ts";
import { circleHitsAny, type Vec } from "../geometry.ts";
import { randomInt, type Rng } from "../rng.ts";
import type { PlayerSim, World } from "./world.ts";

/** Spawn points scored by their distance to the nearest living player; the safest few are candidates. */
const CANDIDATES = 3;

/**
 * Choose a free spawn point: one of the few furthest from every living player,
 * picked with the injected rng so a seeded match replays exactly.
 */
export function chooseSpawn(world: World, rng: Rng, except?: string): Vec {
  const scored = world.map.spawns
    .filter((s) => !circleHitsAny(s.x, s.y, PLAYER_RADIUS, world.map.walls))
    .map((s) => ({ s, d: nearestLivingDistanceSq(world, s, except) }))
    .sort((a, b) => b.d - a.d);
  const pool = scored.slice(0, Math.min(CANDIDATES, scored.length));
  const pick = pool[randomInt(rng, pool.length)];
  if (!pick) throw new Error(`map ${world.map.id} has no free spawn point`);
  return pick.s;
}

function nearestLivingDistanceSq(world: World, at: Vec, except?: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (const p of world.players.values()) {
    if (!p.alive || p.id === except) continue;
    const d = (p.x - at.x) ** 2 + (p.y - at.y) ** 2;
    if (d < best) best = d;
  }
  return best;
}

/** Bring a player (back) to life at a free spawn point. */
export function spawnPlayer(world: World, p: PlayerSim, rng: Rng): void {
  const at = chooseSpawn(world, rng, p.id);
  p.x = at.x;
  p.y = at.y;
  p.hp = MAX_HP;
  p.alive = true;
  p.respawnIn = 0;
  p.cooldown = 0;
  // A respawn is a teleport: no shot may find it where it stood before.
  p.trail.length = 0;
}
