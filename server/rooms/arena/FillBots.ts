/**
 * AI fill for one arena: bots in empty seats, so that a public room with people in it keeps
 * at least `minimum` players (ARENA_MIN_PLAYERS), one bot leaving for each person who arrives.
 *
 * Bots are virtual seats: no socket, no SDK client, nothing encoded for them. Each one decides
 * with the same BotBrain as the headless SDK bots (headless/bots/), and its intent goes to the
 * kit through `TickConfig.virtualInputs`, which validates it and steps it together with the
 * clients' intents: a bot can do nothing a client cannot. See docs/room-types.md, "AI fill".
 */
import { BotBrain } from "../../../shared/arena/bots/BotBrain.ts";
import type { ArenaGame } from "../../../shared/arena/ArenaGame.ts";
import { IntentInput } from "../../../shared/arena/input.ts";
import { PlayerState, type ArenaState } from "../../../shared/arena/schema.ts";
import { createRng } from "../../../shared/rng.ts";

/** Bot player ids start with this; ":" never appears in a Colyseus session id, so they cannot collide. */
export const BOT_ID_PREFIX = "bot:";
/** Mixes a bot's serial into the room's seed, so each bot in a room decides differently. */
const SEED_STRIDE = 0x9e3779b9;

interface FillBot {
  id: string;
  /** The number in its name ("Bot 3"). */
  number: number;
  brain: BotBrain;
  /** Reused every tick: one input object (and its pair) per bot, never one per intent. */
  input: IntentInput;
  pair: readonly [string, IntentInput];
}

export class FillBots {
  /** Oldest first; the newest leaves first. */
  private readonly bots: FillBot[] = [];
  private readonly pairs: Array<readonly [string, IntentInput]> = [];
  private serial = 0;

  /** `minimum` is already clamped to the room's seats (arenaRoomType's parseOptions). */
  constructor(
    private readonly game: ArenaGame,
    private readonly state: ArenaState,
    readonly minimum: number,
    private readonly seed: number,
  ) {}

  get count(): number {
    return this.bots.length;
  }

  /**
   * Seat or unseat bots for `humans` people in the room (connected or with a held seat):
   * `minimum - humans` bots, never fewer than none, and none in a room without people.
   * Returns whether the number of bots changed.
   */
  fit(humans: number): boolean {
    const want = humans > 0 ? Math.max(0, this.minimum - humans) : 0;
    const before = this.bots.length;
    while (this.bots.length > want) this.remove(this.bots.pop()!);
    while (this.bots.length < want) this.add();
    return this.bots.length !== before;
  }

  /** This tick's intent of every bot, decided from the world as the server holds it. */
  intents(dt: number): Iterable<readonly [string, IntentInput]> {
    const players = this.game.world.players;
    this.pairs.length = 0;
    for (const bot of this.bots) {
      const intent = bot.brain.think(players.get(bot.id), players.values(), dt);
      bot.input.dx = intent.dx;
      bot.input.dy = intent.dy;
      bot.input.aim = intent.aim;
      bot.input.fire = intent.fire;
      this.pairs.push(bot.pair);
    }
    return this.pairs;
  }

  private add(): void {
    // A fresh id per bot (a later bot never reuses a departed one's), the lowest free number for its name.
    const id = `${BOT_ID_PREFIX}${++this.serial}`;
    const taken = new Set(this.bots.map((b) => b.number));
    let number = 1;
    while (taken.has(number)) number++;
    const rng = createRng((this.seed + this.serial * SEED_STRIDE) >>> 0);
    const input = new IntentInput();
    this.bots.push({ id, number, brain: new BotBrain(this.game.world.map, rng), input, pair: [id, input] });
    this.game.join(id);
    this.state.players.set(id, new PlayerState({ name: `Bot ${number}`, bot: true }));
  }

  private remove(bot: FillBot): void {
    this.game.leave(bot.id);
    this.state.players.delete(bot.id);
  }
}
