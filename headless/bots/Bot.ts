/**
 * A headless player: a real @colyseus/sdk client that joins an arena by name, decodes the
 * state, and sends one intent per tick on the input channel exactly as the game client does
 * (game/net/ArenaClient.ts). The decisions are BotBrain's; this class is the wiring.
 */
import type { Client, Room } from "@colyseus/sdk";
import { openIntentInput } from "../../game/net/intentInput.ts";
import { answerPings } from "../../game/net/messages.ts";
import { mapById } from "../../shared/arena/maps.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { PROTOCOL_VERSION, RoomName } from "../../shared/protocol.ts";
import { createRng } from "../../shared/rng.ts";
import { BotBrain } from "../../shared/arena/bots/BotBrain.ts";

export interface BotStats {
  /** Intents sent. */
  sent: number;
  /** Intents sent with fire held (the server applies its cooldown). */
  fired: number;
}

export interface JoinBotOptions {
  /** Join this room; otherwise join or create an arena like Quick play does. */
  roomId?: string;
  /** Seeds the bot's decisions; the same seed in the same scene decides the same. */
  seed?: number;
}

export class Bot {
  readonly stats: BotStats = { sent: 0, fired: 0 };
  private readonly input;
  private readonly brain: BotBrain;

  private constructor(
    readonly room: Room<ArenaState>,
    seed: number,
  ) {
    this.brain = new BotBrain(mapById(room.state.mapId), createRng(seed));
    this.input = openIntentInput(room);
  }

  /**
   * Join as `name` and resolve once the bot's own player is in the decoded state.
   * @example const bot = await Bot.join(new Client(url), "bot-3");
   */
  static async join(client: Client, name: string, options: JoinBotOptions = {}): Promise<Bot> {
    const joinOptions = { name, protocol: PROTOCOL_VERSION };
    const room = options.roomId
      ? await client.joinById<ArenaState>(options.roomId, joinOptions)
      : await client.joinOrCreate<ArenaState>(RoomName.Arena, joinOptions);
    // Handlers first: a probe can arrive before the first state does.
    answerPings(room);
    // Hits, kills, chat and room info are for people; a bot reads what it needs from the state.
    room.onMessage("*", () => undefined);
    await new Promise<void>((resolve) => {
      const check = () => {
        if (!room.state.players?.get(room.sessionId)) return;
        room.onStateChange.remove(check);
        resolve();
      };
      room.onStateChange(check);
      check();
    });
    return new Bot(room, options.seed ?? hashName(name));
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  /** Decide and send one intent covering the next `dt` seconds. */
  tick(dt: number): void {
    const players = this.room.state.players;
    const intent = this.brain.think(players.get(this.room.sessionId), players.values(), dt);
    const d = this.input.data;
    d.dx = intent.dx;
    d.dy = intent.dy;
    d.aim = intent.aim;
    d.fire = intent.fire;
    if (this.input.send() === 0) return; // socket closed: nothing went out
    this.stats.sent++;
    if (intent.fire) this.stats.fired++;
  }

  async leave(): Promise<void> {
    if (this.room.connection.isOpen) await this.room.leave().catch(() => undefined);
  }
}

/** A stable seed from a name, so "bot-3" plays the same way run after run. */
function hashName(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}
