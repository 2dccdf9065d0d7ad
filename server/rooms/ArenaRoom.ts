import { randomInt } from "node:crypto";
import { Room, ServerError, type Client } from "colyseus";
import { INPUT_BUFFER_CAP, INPUT_CATCHUP_THRESHOLD, MAX_CLIENT_FRAMES_PER_SECOND, PATCH_INTERVAL_MS, PING_INTERVAL_MS, TICK_RATE } from "../../shared/constants.ts";
import { IntentInput } from "../../shared/arena/input.ts";
import { JoinError, Msg, RejectReason } from "../../shared/protocol.ts";
import { ArenaState, PlayerState } from "../../shared/arena/schema.ts";
import type { Intent, SimEvent } from "../../shared/arena/world.ts";
import { intentProblem } from "../../shared/validate.ts";
import { ArenaGame } from "../../shared/arena/ArenaGame.ts";
import { syncState } from "../../shared/arena/syncState.ts";
import { log } from "../log.ts";
import { ClientGuard } from "../net/ClientGuard.ts";
import { PingTracker } from "../net/PingTracker.ts";
import { OptionsError, parseCreateOptions, parseJoinOptions, type ArenaSettings } from "./arenaOptions.ts";

const DEFAULT_SETTINGS: ArenaSettings = { maxPlayers: 16, maxInvalidMessages: 20 };

/**
 * The arena: a thin wiring of Colyseus lifecycle and messages onto ArenaGame (shared/sim).
 * Clients send intents on the input channel; the fixed tick consumes them and steps the world.
 */
export class ArenaRoom extends Room<{ state: ArenaState; input: IntentInput }> {
  /** Host limits; `arenaRoom(settings)` in server/app.ts supplies the configured ones. */
  protected settings: ArenaSettings = DEFAULT_SETTINGS;

  override state = new ArenaState();
  override inputs = this.defineInput(IntentInput, { bufferMaxSize: INPUT_BUFFER_CAP });
  override maxMessagesPerSecond = MAX_CLIENT_FRAMES_PER_SECOND;

  game!: ArenaGame;
  guard!: ClientGuard;
  private readonly pings = new PingTracker(() => performance.now());
  private readonly tickInputs = new Map<string, Intent[]>();

  override onCreate(options: unknown): void {
    const { map, maxPlayers } = parseCreateOptions(options, this.settings);
    const seed = randomInt(2 ** 31);
    this.maxClients = maxPlayers;
    this.patchRate = PATCH_INTERVAL_MS;
    this.game = new ArenaGame(map, seed);
    this.guard = new ClientGuard(() => this.roomId, this.settings.maxInvalidMessages);
    this.state.mapId = map.id;

    this.setFixedTimestep((ctx) => this.onTick(ctx.dt), TICK_RATE);
    this.clock.setInterval(() => this.probePings(), PING_INTERVAL_MS);
    this.onMessage(Msg.Pong, (client, payload: unknown) => this.onPong(client, payload));
    this.onMessage("*", (client, type) => this.guard.reject(client, RejectReason.UnknownType, `no handler for "${String(type)}"`));
    log.info("arena created", { room: this.roomId, map: map.id, maxPlayers, seed });
  }

  override onAuth(_client: Client, options: unknown): { name: string } {
    try {
      return parseJoinOptions(options);
    } catch (e) {
      if (e instanceof OptionsError) throw new ServerError(JoinError.InvalidOptions, e.message);
      throw e;
    }
  }

  override onJoin(client: Client, _options: unknown, auth: { name: string }): void {
    this.game.join(client.sessionId);
    this.state.players.set(client.sessionId, new PlayerState({ name: auth.name }));
    syncState(this.game.world, this.state);
    log.info("player joined", { room: this.roomId, session: client.sessionId });
  }

  override onLeave(client: Client): void {
    this.game.leave(client.sessionId);
    this.state.players.delete(client.sessionId);
    this.guard.forget(client.sessionId);
    this.pings.forget(client.sessionId);
    log.info("player left", { room: this.roomId, session: client.sessionId });
  }

  override onBeforePatch(): void {
    syncState(this.game.world, this.state);
  }

  private onTick(dt: number): void {
    this.tickInputs.clear();
    for (const client of this.clients) this.tickInputs.set(client.sessionId, this.takeIntents(client));
    const events = this.game.tick(this.tickInputs, dt);
    for (const e of events) this.announce(e);
  }

  /**
   * This tick's intents for one client: usually one, two when its buffer has backed up
   * (a burst after a network stall), none when it has sent nothing. Each is consumed,
   * so the ack advances even for intents that fail validation and are dropped.
   */
  private takeIntents(client: Client): Intent[] {
    const buffer = this.inputs.get(client.sessionId);
    const count = buffer.size > INPUT_CATCHUP_THRESHOLD ? 2 : 1;
    const out: Intent[] = [];
    for (let i = 0; i < count; i++) {
      const intent = buffer.next();
      if (!intent) break;
      const problem = intentProblem(intent);
      if (problem) this.guard.reject(client, RejectReason.BadIntent, problem);
      else out.push(intent);
    }
    return out;
  }

  private announce(e: SimEvent): void {
    if (e.type === "hit" || e.type === "kill") this.broadcast(Msg.Event, e);
  }

  private probePings(): void {
    for (const client of this.clients) client.send(Msg.Ping, { id: this.pings.probe(client.sessionId) });
  }

  private onPong(client: Client, payload: unknown): void {
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id !== "number" || !Number.isInteger(id)) {
      this.guard.reject(client, RejectReason.Malformed, "pong must be { id: integer }");
      return;
    }
    const rtt = this.pings.answer(client.sessionId, id);
    const player = this.state.players.get(client.sessionId);
    if (rtt !== undefined && player) player.ping = Math.min(rtt, 65535);
  }
}

/** The arena room class bound to the host's settings. */
export function arenaRoom(settings: ArenaSettings): typeof ArenaRoom {
  return class ConfiguredArenaRoom extends ArenaRoom {
    protected override settings = settings;
  };
}
