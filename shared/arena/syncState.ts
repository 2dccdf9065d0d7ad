import { DroneState, ProjectileState, type ArenaState } from "./schema.ts";
import type { RoundState } from "./round.ts";
import type { ProjectileSim, World } from "./world.ts";
import { TICK_RATE } from "../constants.ts";

/**
 * Mirror the simulation into the synced schema. Runs once per patch, not per tick:
 * schema only encodes what changed, so copying unchanged values costs nothing on the wire.
 * `eachProjectile` sees every live projectile with its synced copy (the server's interest
 * bookkeeping uses it, saving a second lookup per projectile).
 */
export function syncState(world: World, round: RoundState, state: ArenaState, eachProjectile?: (synced: ProjectileState, sim: ProjectileSim) => void): void {
  state.tick = world.tick;
  state.phase = round.phase;
  state.round = round.round;
  state.secondsLeft = Math.ceil(round.ticksLeft / TICK_RATE);
  for (const p of world.players.values()) {
    const s = state.players.get(p.id);
    if (!s) continue; // the room adds players to the state (it knows their names)
    s.x = p.x;
    s.y = p.y;
    s.aim = p.aim;
    s.hp = p.hp;
    s.alive = p.alive;
    s.score = p.score;
    s.deaths = p.deaths;
  }
  const live = new Set<string>();
  for (const pr of world.projectiles) {
    const key = String(pr.id);
    live.add(key);
    let s = state.projectiles.get(key);
    if (!s) {
      s = new ProjectileState({ owner: pr.owner });
      state.projectiles.set(key, s);
    }
    s.x = pr.x;
    s.y = pr.y;
    eachProjectile?.(s, pr);
  }
  for (const key of state.projectiles.keys()) if (!live.has(key)) state.projectiles.delete(key);
  syncDrones(world, state);
}

/**
 * Drones change only when they turn, so only those that turned are copied (copying 200
 * unchanged drones every patch was 5% of a loaded server's CPU).
 */
function syncDrones(world: World, state: ArenaState): void {
  const turned = world.turnedDrones;
  if (world.dronesTurned || state.drones.length !== world.drones.length) {
    // Everything, once (or when a tool moved drones by hand and set dronesTurned).
    world.dronesTurned = false;
    turned.length = 0;
    while (state.drones.length < world.drones.length) state.drones.push(new DroneState());
    while (state.drones.length > world.drones.length) state.drones.pop();
    for (let i = 0; i < world.drones.length; i++) copyDrone(world, state, i);
    return;
  }
  for (const i of turned) copyDrone(world, state, i);
  turned.length = 0;
}

function copyDrone(world: World, state: ArenaState, i: number): void {
  const d = world.drones[i]!;
  const s = state.drones[i]!;
  s.x0 = d.x0;
  s.y0 = d.y0;
  s.dir = d.dir;
  s.since = d.since;
}

