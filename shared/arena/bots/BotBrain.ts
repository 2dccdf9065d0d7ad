/**
 * What a bot decides each tick, from what any client can see: its own position and the
 * other players'. Pure (no network, no clock: time passes as the `dt` of each call, and
 * randomness comes from the injected rng), so it can be tested and replayed like the rules.
 */
import type { Vec } from "../../geometry.ts";
import type { ArenaMap } from "../maps.ts";
import type { Intent } from "../world.ts";
import type { Rng } from "../../rng.ts";
import { angleDelta, chooseDirection, lineOfSight, randomOpenPoint, type Direction } from "./steering.ts";

/** A player as a bot sees it in the synced state. */
export interface SeenPlayer {
  x: number;
  y: number;
  alive: boolean;
}

/** How fast a bot turns its gun, radians per second: a bot has to turn like a hand on a mouse. */
const TURN_RATE = 5 * Math.PI;
/** Fire when the gun is within this of the target's bearing. */
const AIM_TOLERANCE = 0.12;
const FIRE_RANGE = 650;
/** A target point closer than this is reached. */
const ARRIVED = 24;
/** Seconds between direction choices (each is a short look-ahead per direction). */
const REPLAN_EVERY = 0.25;
/** Seconds over which a moving bot must cover STUCK_DISTANCE, or it picks a new target. */
const STUCK_WINDOW = 0.6;
const STUCK_DISTANCE = 12;
/** Chance that a new target is the nearest enemy rather than a random open point. */
const CHASE_CHANCE = 0.5;

export class BotBrain {
  private aim = 0;
  private target: Vec | undefined;
  private dir: Direction | undefined;
  private replanIn = 0;
  private stuckClock = 0;
  private stuckFrom: Vec = { x: 0, y: 0 };

  constructor(
    private readonly map: ArenaMap,
    private readonly rng: Rng,
  ) {}

  /**
   * The intent for the next `dt` seconds. `others` may include the bot itself (it is
   * skipped by identity), so a caller can pass the state's players as they are.
   */
  think(self: SeenPlayer | undefined, others: Iterable<SeenPlayer>, dt: number): Intent {
    if (!self || !self.alive) {
      // Dead: stand still and forget the plan; after respawning, start afresh from the spawn.
      this.target = undefined;
      return { dx: 0, dy: 0, aim: this.aim, fire: false };
    }
    const enemy = nearestLiving(self, others);
    const fire = enemy !== undefined && this.aimAt(self, enemy, dt);
    const dir = this.steer(self, enemy, dt);
    return { dx: dir?.[0] ?? 0, dy: dir?.[1] ?? 0, aim: this.aim, fire };
  }

  /** Turn toward the enemy; true when roughly aimed, in range and with a clear shot. */
  private aimAt(self: SeenPlayer, enemy: SeenPlayer, dt: number): boolean {
    const bearing = Math.atan2(enemy.y - self.y, enemy.x - self.x);
    const error = angleDelta(this.aim, bearing);
    const turn = TURN_RATE * dt;
    this.aim = Math.abs(error) <= turn ? bearing : this.aim + Math.sign(error) * turn;
    const inRange = (enemy.x - self.x) ** 2 + (enemy.y - self.y) ** 2 < FIRE_RANGE ** 2;
    return Math.abs(angleDelta(this.aim, bearing)) < AIM_TOLERANCE && inRange && lineOfSight(this.map, self, enemy);
  }

  /** Head for the target, re-choosing the direction a few times a second and the target when stuck. */
  private steer(self: SeenPlayer, enemy: SeenPlayer | undefined, dt: number): Direction | undefined {
    if (!this.target || this.arrived(self) || this.stuck(self, dt)) this.pickTarget(self, enemy);
    this.replanIn -= dt;
    if (this.replanIn <= 0) {
      this.replanIn = REPLAN_EVERY;
      this.dir = chooseDirection(this.map, self, this.target!, dt);
      // Nothing makes progress toward this target (a wall in the way): try another next tick.
      if (!this.dir) this.target = undefined;
    }
    return this.dir;
  }

  private pickTarget(self: SeenPlayer, enemy: SeenPlayer | undefined): void {
    this.target = enemy && this.rng.next() < CHASE_CHANCE ? { x: enemy.x, y: enemy.y } : randomOpenPoint(this.map, this.rng);
    this.replanIn = 0;
    this.stuckClock = 0;
    this.stuckFrom = { x: self.x, y: self.y };
  }

  private arrived(self: SeenPlayer): boolean {
    return (this.target!.x - self.x) ** 2 + (this.target!.y - self.y) ** 2 < ARRIVED ** 2;
  }

  /** Over each window, did a bot that meant to move get anywhere? */
  private stuck(self: SeenPlayer, dt: number): boolean {
    this.stuckClock += dt;
    if (this.stuckClock < STUCK_WINDOW) return false;
    const moved = Math.hypot(self.x - this.stuckFrom.x, self.y - this.stuckFrom.y);
    this.stuckClock = 0;
    this.stuckFrom = { x: self.x, y: self.y };
    return this.dir !== undefined && moved < STUCK_DISTANCE;
  }
}

function nearestLiving(self: SeenPlayer, others: Iterable<SeenPlayer>): SeenPlayer | undefined {
  let best: SeenPlayer | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const p of others) {
    if (p === self || !p.alive) continue;
    const d = (p.x - self.x) ** 2 + (p.y - self.y) ** 2;
    if (d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}
