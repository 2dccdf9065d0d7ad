import type { ArenaMap } from "../../shared/arena/maps.ts";
import { createRng } from "../../shared/rng.ts";
import { step } from "../../shared/arena/step.ts";
import { createPlayer, createWorld, type Intent, type World } from "../../shared/arena/world.ts";

/** The fields of the local player that prediction owns. */
export interface PredictedPose {
  x: number;
  y: number;
}

/**
 * Runs the shared `step()` for the local player alone, so prediction uses exactly the
 * server's rules: a one-player world on the same map. Other players are not simulated
 * (players don't block each other), and projectiles it spawns are discarded: the
 * server's are the ones drawn.
 */
export class LocalPredictor {
  private readonly world: World;
  private readonly inputs = new Map<string, Intent[]>();
  private readonly single: Intent[] = [];
  // Nothing the local player's movement depends on is random; the rng only satisfies step().
  private readonly rng = createRng(0);

  constructor(
    map: ArenaMap,
    private readonly id: string,
    /** Whether the server lets the player act (alive, round in play); otherwise it does not move. */
    private readonly canAct: () => boolean,
  ) {
    this.world = createWorld(map);
    this.world.players.set(id, createPlayer(id, 0, 0));
    this.inputs.set(id, this.single);
  }

  /** Advance `pose` by one intent (`subSteps` simulation steps of `dt`), in place. */
  apply(pose: PredictedPose, intent: Intent, dt: number, subSteps: number): void {
    const p = this.world.players.get(this.id)!;
    p.x = pose.x;
    p.y = pose.y;
    p.alive = this.canAct();
    p.cooldown = 0;
    this.single[0] = intent;
    for (let i = 0; i < subSteps; i++) step(this.world, this.inputs, dt, this.rng);
    this.world.projectiles.length = 0;
    pose.x = p.x;
    pose.y = p.y;
  }
}
