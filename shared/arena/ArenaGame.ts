import type { ArenaMap } from "./maps.ts";
import { createRng, type SeededRng } from "../rng.ts";
import { Note } from "../replay/format.ts";
import { NO_RECORDING, type CommandSink } from "../replay/rules.ts";
import { spawnDrones } from "./drones.ts";
import { spawnPlayer } from "./spawn.ts";
import { step } from "./step.ts";
import { advanceRound, firstRound, Phase, type RoundEvent, type RoundState, type RoundTiming } from "./round.ts";
import { createPlayer, createWorld, type Intent, type PlayerSim, type SimEvent, type World } from "./world.ts";

export type MatchEvent = SimEvent | RoundEvent;

/** The arena's replay commands (shared/arena/replay.ts reads them back). */
export const ArenaCommand = { Join: "j", Leave: "l", Tick: "t" } as const;

/**
 * One arena match: the world, its seeded rng, the round clock, and the calls into step().
 * Knows nothing of Colyseus, so it can be driven by a room, a test or a replay alike.
 *
 * Every call that changes the world (join, leave, tick) is written to `record` as it happens:
 * those commands and the seed are all a replay needs (shared/arena/replay.ts), so nothing
 * else may change the world (a test arranging a scene by hand is not replayable).
 */
export class ArenaGame {
  readonly world: World;
  readonly round: RoundState;
  private rng: SeededRng;

  /** `seed` is logged by the room so any match can be replayed from its inputs. */
  constructor(
    map: ArenaMap,
    readonly seed: number,
    private readonly timing: RoundTiming,
    drones = 0,
    private readonly record: CommandSink = NO_RECORDING,
    /** Most ticks a shot is judged in the past (shared/arena/lagCompensation.ts); 0: none. */
    lagCapTicks = 0,
  ) {
    this.world = createWorld(map, lagCapTicks);
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
    this.record([ArenaCommand.Join, id]);
    return p;
  }

  leave(id: string): void {
    this.world.players.delete(id);
    this.world.projectiles = this.world.projectiles.filter((pr) => pr.owner !== id);
    this.record([ArenaCommand.Leave, id]);
  }

  /** The rng's position, for a replay keyframe. */
  get rngState(): number {
    return this.rng.state();
  }

  /** Continue the rng from a keyframe's position. */
  resumeRng(state: number): void {
    this.rng = createRng(this.seed, state);
  }

  /**
   * Advance `subSteps` simulation steps of `dt` each, every one with the same intents (one
   * intent covers a whole input tick). During the intermission the world holds still; a new
   * round resets scores and respawns everyone.
   */
  tick(inputs: ReadonlyMap<string, readonly Intent[]>, dt: number, subSteps = 1): MatchEvent[] {
    // Encoded before stepping: bots reuse their intent objects from tick to tick.
    const command = this.record === NO_RECORDING ? undefined : encodeTick(inputs, dt, subSteps);
    const events: MatchEvent[] = [];
    for (let i = 0; i < subSteps; i++) {
      if (this.playing) events.push(...step(this.world, inputs, dt, this.rng));
      const change = advanceRound(this.round, this.timing);
      if (change) events.push(change);
      if (change?.type === "round_start") this.resetForRound();
    }
    if (command) {
      this.record(command);
      for (const e of events) if (e.type === "round_end" || e.type === "round_start") this.record([Note.Round, e.type, e.round]);
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

/** `["t", dt, subSteps, id, dx, dy, aim, fire (0/1), seen, id, ...]`: every intent consumed, in order. */
export function encodeTick(inputs: ReadonlyMap<string, readonly Intent[]>, dt: number, subSteps: number): [string, ...Array<string | number>] {
  const out: [string, ...Array<string | number>] = [ArenaCommand.Tick, dt, subSteps];
  for (const [id, intents] of inputs) for (const i of intents) out.push(id, i.dx, i.dy, i.aim, i.fire ? 1 : 0, i.seen ?? 0);
  return out;
}
