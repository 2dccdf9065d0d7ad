/**
 * A whole arena match of bots, without a server: the same ArenaGame and BotBrain a room runs,
 * with players coming and going on a seeded schedule. The determinism test and the replay
 * bench drive it; the room itself never does.
 */
import { ArenaGame } from "../ArenaGame.ts";
import type { ArenaMap } from "../maps.ts";
import type { RoundTiming } from "../round.ts";
import type { Intent } from "../world.ts";
import { SUBSTEPS, FIXED_DT } from "../../constants.ts";
import { createRng, randomInt, type Rng } from "../../rng.ts";
import { NO_RECORDING, type CommandSink } from "../../replay/rules.ts";
import { BotBrain } from "./BotBrain.ts";

export interface BotMatchOptions {
  map: ArenaMap;
  seed: number;
  timing: RoundTiming;
  drones?: number;
  /** Chance per tick that a bot leaves or a new one joins (0: nobody comes or goes). */
  churn?: number;
  record?: CommandSink;
  /** Lag compensation's cap in ticks; with it every intent says it saw a tick up to cap + 8 back. */
  lagCapTicks?: number;
}

export class BotMatch {
  readonly game: ArenaGame;
  private readonly brains = new Map<string, BotBrain>();
  private readonly schedule: Rng;
  private serial = 0;

  constructor(private readonly o: BotMatchOptions) {
    this.game = new ArenaGame(o.map, o.seed, o.timing, o.drones ?? 0, o.record ?? NO_RECORDING, o.lagCapTicks ?? 0);
    this.schedule = createRng((o.seed ^ 0x5bd1e995) >>> 0);
  }

  /** Seat `n` more bots (a recorder attached to `game` first sees the empty world). */
  seat(n: number): this {
    for (let i = 0; i < n; i++) this.add();
    return this;
  }

  /** One input tick: every bot decides, sometimes one leaves or joins, then the game steps. */
  tick(): void {
    const churn = this.o.churn ?? 0;
    if (churn > 0 && this.schedule.next() < churn) {
      const ids = [...this.brains.keys()];
      if (ids.length > 1 && this.schedule.next() < 0.5) this.remove(ids[randomInt(this.schedule, ids.length)]!);
      else this.add();
    }
    const dt = FIXED_DT * SUBSTEPS;
    const players = this.game.world.players;
    const inputs = new Map<string, Intent[]>();
    for (const [id, brain] of this.brains) {
      // Now and then a player sends nothing this tick, or two intents (a backlog caught up).
      const roll = this.schedule.next();
      const n = roll < 0.03 ? 0 : roll > 0.97 ? 2 : 1;
      const list: Intent[] = [];
      for (let i = 0; i < n; i++) list.push(this.stamped(brain.think(players.get(id), players.values(), dt)));
      inputs.set(id, list);
    }
    this.game.tick(inputs, FIXED_DT, SUBSTEPS);
  }

  /** With lag compensation on, the intent says which tick its bot "saw" (sometimes past the cap). */
  private stamped(intent: Intent): Intent {
    const cap = this.o.lagCapTicks ?? 0;
    if (cap === 0) return intent;
    return { ...intent, seen: Math.max(0, this.game.world.tick - randomInt(this.schedule, cap + 8)) };
  }

  private add(): void {
    const id = `p${++this.serial}`;
    this.brains.set(id, new BotBrain(this.o.map, createRng((this.o.seed + this.serial * 0x9e3779b9) >>> 0)));
    this.game.join(id);
  }

  private remove(id: string): void {
    this.brains.delete(id);
    this.game.leave(id);
  }
}
