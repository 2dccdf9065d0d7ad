import type { ArenaMap } from "./maps.ts";
import { createRng, type Rng } from "../rng.ts";
import { spawnDrones } from "./drones.ts";
import { spawnPlayer } from "./spawn.ts";
import { step } from "./step.ts";
import { advanceRound, firstRound, Phase, type RoundEvent, type RoundState, type RoundTiming } from "./round.ts";
import { createPlayer, createWorld, type Intent, type PlayerSim, type SimEvent, type World } from "./world.ts";

export type MatchEvent = SimEvent | RoundEvent;

/**
 * One arena match: the world, its seeded rng, the round clock, and the calls into step().
 * Knows nothing of Colyseus, so it can be driven by a room, a test or a replay alike.
 */
export class ArenaGame {
  readonly world: World;
  readonly round: RoundState;
  private readonly rng: Rng;

  /** `seed` is logged by the room so any match can be replayed from its inputs. */
  constructor(
    map: ArenaMap,
    readonly seed: number,
    private readonly timing: RoundTiming,
    drones = 0,
  ) {
    this.world = createWorld(map);
    this.rng = createRng(seed);
    this.round = firstRound(timing);
    this.world.drones = spawnDrones(map, drones, 0, this.rng);
  }

  /** Whether players can move and fire (not during the end-of-round scoreboard). */
  get playing(): boolean {
    return this.round.phase === Phase.Playing;
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

  /**
   * Advance `subSteps` simulation steps of `dt` each, every one with the same intents (one
   * intent covers a whole input tick). During the intermission the world holds still; a new
   * round resets scores and respawns everyone.
   */
  tick(inputs: ReadonlyMap<string, readonly Intent[]>, dt: number, subSteps = 1): MatchEvent[] {
    const events: MatchEvent[] = [];
    for (let i = 0; i < subSteps; i++) {
      if (this.playing) events.push(...step(this.world, inputs, dt, this.rng));
      const change = advanceRound(this.round, this.timing);
      if (change) events.push(change);
      if (change?.type === "round_start") this.resetForRound();
    }
    return events;
  }

  private resetForRound(): void {
    this.world.projectiles = [];
    for (const p of this.world.players.values()) {
      p.score = 0;
      p.deaths = 0;
      spawnPlayer(this.world, p, this.rng);
    }
  }
}
