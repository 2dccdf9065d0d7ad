import type { ArenaMap } from "./maps.ts";
import { createRng, type Rng } from "../rng.ts";
import { spawnPlayer } from "./spawn.ts";
import { step } from "./step.ts";
import { createPlayer, createWorld, type Intent, type PlayerSim, type SimEvent, type World } from "./world.ts";

/**
 * One arena match on the server: the world, its seeded rng, and the calls into shared/sim.
 * Knows nothing of Colyseus, so it can be driven by a room, a test or a replay alike.
 */
export class ArenaGame {
  readonly world: World;
  private readonly rng: Rng;

  /** `seed` is logged by the room so any match can be replayed from its inputs. */
  constructor(map: ArenaMap, readonly seed: number) {
    this.world = createWorld(map);
    this.rng = createRng(seed);
  }

  /** Add a player at a free spawn point, alive. */
  join(id: string): PlayerSim {
    const p = createPlayer(id, 0, 0);
    this.world.players.set(id, p);
    spawnPlayer(this.world, p, this.rng);
    return p;
  }

  leave(id: string): void {
    this.world.players.delete(id);
    this.world.projectiles = this.world.projectiles.filter((pr) => pr.owner !== id);
  }

  /** Advance one fixed tick with each player's intents for it. */
  tick(inputs: ReadonlyMap<string, readonly Intent[]>, dt: number): SimEvent[] {
    return step(this.world, inputs, dt, this.rng);
  }
}
