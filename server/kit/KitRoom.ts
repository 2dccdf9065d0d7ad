import { randomInt } from "node:crypto";
import { CloseCode as ColyseusClose, Room, ServerError, type Client } from "colyseus";
import { StateView, type Schema } from "@colyseus/schema";
import { INPUT_BUFFER_CAP, INPUT_CATCHUP_THRESHOLD, MAX_CLIENT_FRAMES_PER_SECOND, PATCH_INTERVAL_MS, PING_INTERVAL_MS } from "../../shared/constants.ts";
import { MoveError, type Seat } from "../../shared/kit/seats.ts";
import { CloseCode, JoinError, Msg, RejectReason, type RoomInfoMessage } from "../../shared/protocol.ts";
import { createRng } from "../../shared/rng.ts";
import { log } from "../log.ts";
import { ClientGuard } from "../net/ClientGuard.ts";
import { PingTracker } from "../net/PingTracker.ts";
import { ChatChannel, type ChatSettings } from "./chat/ChatChannel.ts";
import { authenticateJoin } from "./joinOptions.ts";
import { privateCodes } from "./privateCodes.ts";
import type { BaseOptions, HostLimits, RoomServices, RoomType, TickTiming } from "./RoomType.ts";

/** Most spectators a room that allows them will seat. */
export const MAX_SPECTATORS = 32;

export interface KitSettings {
  limits: HostLimits;
  maxInvalidMessages: number;
  /** Seconds a dropped seat is held for its player to reconnect. */
  reconnectSeconds: number;
  chat: ChatSettings;
}

/**
 * The machinery every room type runs on: a Colyseus room driven by a RoomType.
 * It owns seats and roles, the tick loop and input buffering, validation of every message,
 * ping measurement and the lobby listing; the room type owns only its rules and state.
 */
export class KitRoom<S extends Schema, O extends BaseOptions, G, I> extends Room<{ state: S; input: I }> {
  protected type!: RoomType<S, O, G, I>;
  protected settings!: KitSettings;

  override inputs = this.defineInputFromType();
  override maxMessagesPerSecond = MAX_CLIENT_FRAMES_PER_SECOND;

  game!: G;
  guard!: ClientGuard;
  chat!: ChatChannel;
  options!: O;
  readonly seats = new Map<string, Seat>();
  private readonly pings = new PingTracker(() => performance.now());
  private readonly rtt = new Map<string, number>();
  private readonly tickInputs = new Map<string, I[]>();
  private listing: Record<string, string | number | boolean> = {};
  /** The private room's code, "" when public. */
  code = "";
  /** The private room's owner (its creator, then the longest-seated player), "" when public. */
  ownerId = "";
  /** Sessions removed by the owner: their seats are not held for reconnection. */
  private readonly kicked = new Set<string>();

  /** Runs during construction (a class field), before onCreate, as defineInput requires. */
  private defineInputFromType() {
    const tick = (this.constructor as { roomType?: RoomType<S, O, G, I> }).roomType?.tick;
    return tick ? this.defineInput(tick.input, { bufferMaxSize: INPUT_BUFFER_CAP }) : undefined;
  }

  override onCreate(raw: unknown): void {
    this.options = this.type.parseOptions(raw, this.settings.limits);
    this.maxClients = this.options.maxPlayers + (this.type.spectators ? MAX_SPECTATORS : 0);
    this.patchRate = PATCH_INTERVAL_MS;
    this.state = new this.type.state();
    this.guard = new ClientGuard(() => this.roomId, this.settings.maxInvalidMessages);
    if (isPrivate(raw)) {
      this.code = privateCodes.issue({ roomId: this.roomId, type: this.type.name });
      void this.setPrivate(true);
    }
    this.chat = new ChatChannel(this, this.settings.chat, this.guard, { announceMembership: true });
    const seed = randomInt(2 ** 31);
    this.game = this.type.create(this.services(seed), this.state, this.options);

    const tick = this.type.tick;
    if (tick) this.setFixedTimestep((ctx) => this.runTick(ctx), tick.rate, { subSteps: tick.subSteps ?? 1 });
    this.clock.setInterval(() => this.probePings(), PING_INTERVAL_MS);
    this.onMessage(Msg.Pong, (client, payload: unknown) => this.onPong(client, payload));
    this.onMessage(Msg.Kick, (client, payload: unknown) => this.onKick(client, payload));
    for (const [type, spec] of Object.entries(this.type.messages ?? {})) {
      this.onMessage(type, (client, payload: unknown) => this.dispatch(client, type, spec, payload));
    }
    this.onMessage("*", (client, type) => this.guard.reject(client, RejectReason.UnknownType, `no handler for "${String(type)}"`));
    this.publishListing();
    log.info("room created", { room: this.roomId, type: this.type.name, maxPlayers: this.options.maxPlayers, seed });
  }

  override onAuth(_client: Client, options: unknown): { name: string } {
    return authenticateJoin(options);
  }

  override onJoin(client: Client, _options: unknown, auth: { name: string }): void {
    const role = this.playerCount() < this.options.maxPlayers ? "player" : "spectator";
    if (role === "spectator" && !this.type.spectators) throw new ServerError(JoinError.RoomFull, "the room is full");
    const seat: Seat = { id: client.sessionId, name: auth.name, role };
    this.seats.set(client.sessionId, seat);
    if (this.type.views) client.view = new StateView();
    this.type.onJoin(this.game, seat);
    if (this.code && !this.ownerId) this.ownerId = seat.id;
    client.send(Msg.RoomInfo, this.roomInfo());
    this.chat.join(client, seat.name);
    this.publishListing();
    log.info("seat taken", { room: this.roomId, session: client.sessionId, role });
  }

  /** A connection dropped without a goodbye: hold the seat for a while (not for kicked or abusive clients). */
  override async onDrop(client: Client, code?: number): Promise<void> {
    const seat = this.seats.get(client.sessionId);
    if (!seat || this.kicked.has(client.sessionId) || code === ColyseusClose.WITH_ERROR || code === CloseCode.TooManyInvalidMessages) return;
    this.type.onDrop?.(this.game, seat);
    this.chat.announce(`${seat.name} lost connection`);
    log.info("seat held", { room: this.roomId, session: client.sessionId, code, seconds: this.settings.reconnectSeconds });
    try {
      await this.allowReconnection(client, this.settings.reconnectSeconds);
    } catch {
      // Timed out or the room is closing: Colyseus calls onLeave next, which frees the seat.
    }
  }

  override onReconnect(client: Client): void {
    const seat = this.seats.get(client.sessionId);
    if (!seat) return;
    this.type.onReconnect?.(this.game, seat);
    client.send(Msg.RoomInfo, this.roomInfo());
    this.chat.announce(`${seat.name} is back`);
    log.info("seat reclaimed", { room: this.roomId, session: client.sessionId });
  }

  override onLeave(client: Client): void {
    const seat = this.seats.get(client.sessionId);
    if (!seat) return;
    this.seats.delete(client.sessionId);
    this.kicked.delete(client.sessionId);
    if (this.ownerId === seat.id) this.passOwnership();
    this.type.onLeave(this.game, seat);
    client.view?.dispose(); // frees its slot in every state object's visibility bits
    this.chat.leave(client.sessionId);
    this.guard.forget(client.sessionId);
    this.pings.forget(client.sessionId);
    this.rtt.delete(client.sessionId);
    this.publishListing();
    log.info("seat freed", { room: this.roomId, session: client.sessionId });
  }

  override onDispose(): void {
    if (this.code) privateCodes.release(this.code);
  }

  override onBeforePatch(): void {
    this.type.onBeforePatch?.(this.game);
  }

  /**
   * Whether this session owns the room: the owner may remove a player, or mute one in chat
   * for everyone. Only private rooms have an owner (their creator, then the longest-seated).
   */
  isOwner(sessionId: string): boolean {
    return this.ownerId !== "" && sessionId === this.ownerId;
  }

  playerCount(): number {
    let n = 0;
    for (const s of this.seats.values()) if (s.role === "player") n++;
    return n;
  }

  private services(seed: number): RoomServices {
    return {
      roomId: this.roomId,
      seed,
      rng: createRng(seed),
      now: () => this.clock.elapsedTime,
      broadcast: (type, payload) => this.broadcast(type, payload),
      send: (sessionId, type, payload) => this.clients.getById(sessionId)?.send(type, payload),
      later: (ms, fn) => {
        const t = this.clock.setTimeout(fn, ms);
        return { clear: () => t.clear() };
      },
      pingOf: (sessionId) => this.rtt.get(sessionId) ?? 0,
      announce: (text) => this.chat.announce(text),
      viewOf: (sessionId) => this.clients.getById(sessionId)?.view,
      setListing: (fields) => {
        this.listing = { ...this.listing, ...fields };
        this.publishListing();
      },
    };
  }

  private runTick(timing: TickTiming): void {
    const tick = this.type.tick!;
    this.tickInputs.clear();
    for (const client of this.clients) {
      const seat = this.seats.get(client.sessionId);
      const intents = this.takeInputs(client, tick.validate);
      if (seat?.role === "player") this.tickInputs.set(client.sessionId, intents);
    }
    tick.step(this.game, this.tickInputs, timing);
  }

  /**
   * This tick's inputs for one client: usually one, two when its buffer has backed up,
   * none when it sent nothing. Each is consumed (so the ack advances) even when invalid.
   */
  private takeInputs(client: Client, validate: (i: I) => string | undefined): I[] {
    const buffer = this.inputs!.get(client.sessionId);
    const count = buffer.size > INPUT_CATCHUP_THRESHOLD ? 2 : 1;
    const out: I[] = [];
    for (let i = 0; i < count; i++) {
      const input = buffer.next() as I | undefined;
      if (input === undefined) break;
      const problem = validate(input);
      if (problem) this.guard.reject(client, RejectReason.BadIntent, problem);
      else out.push(input);
    }
    return out;
  }

  private dispatch(client: Client, type: string, spec: NonNullable<RoomType<S, O, G, I>["messages"]>[string], raw: unknown): void {
    const seat = this.seats.get(client.sessionId);
    if (!seat) return;
    const parsed = spec.parse(raw);
    if (!parsed.ok) {
      this.guard.reject(client, RejectReason.Malformed, `${type}: ${parsed.error}`);
      return;
    }
    if (seat.role === "spectator" && !spec.spectators) {
      client.send(Msg.Rejected, { reason: RejectReason.Spectator, detail: "spectators cannot do that" });
      return;
    }
    try {
      spec.handle(this.game, seat, parsed.value);
    } catch (e) {
      if (!(e instanceof MoveError)) throw e;
      client.send(Msg.Rejected, { reason: e.reason, detail: e.message });
    }
  }

  private publishListing(): void {
    let spectators = 0;
    for (const s of this.seats.values()) if (s.role === "spectator") spectators++;
    void this.setMetadata({
      mode: this.type.mode,
      type: this.type.name,
      players: this.playerCount(),
      maxPlayers: this.options.maxPlayers,
      spectators,
      // Quick play asks for { seatOpen: true } so it never lands anyone in a spectator seat.
      seatOpen: this.playerCount() < this.options.maxPlayers,
      ...this.listing,
    });
  }

  roomInfo(): RoomInfoMessage {
    return { type: this.type.name, mode: this.type.mode, code: this.code, ownerId: this.ownerId };
  }

  /** The owner left: the longest-seated remaining player owns the room now. */
  private passOwnership(): void {
    const next = [...this.seats.values()].find((s) => s.role === "player") ?? this.seats.values().next().value;
    this.ownerId = next?.id ?? "";
    this.broadcast(Msg.RoomInfo, this.roomInfo());
  }

  private onKick(client: Client, payload: unknown): void {
    const target = (payload as { target?: unknown } | null)?.target;
    if (typeof target !== "string") {
      this.guard.reject(client, RejectReason.Malformed, "kick must be { target: sessionId }");
      return;
    }
    if (!this.isOwner(client.sessionId)) {
      client.send(Msg.Rejected, { reason: RejectReason.NotOwner, detail: "only the private room's owner can remove players" });
      return;
    }
    const victim = this.clients.getById(target);
    if (!victim || target === client.sessionId) {
      client.send(Msg.Rejected, { reason: RejectReason.Malformed, detail: "no such player to remove" });
      return;
    }
    this.kicked.add(target);
    log.info("player kicked", { room: this.roomId, session: target, by: client.sessionId });
    victim.leave(CloseCode.Kicked, "you were removed from the room by its owner");
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
    if (rtt !== undefined) this.rtt.set(client.sessionId, Math.min(rtt, 65535));
  }
}

const isPrivate = (raw: unknown): boolean => typeof raw === "object" && raw !== null && (raw as { private?: unknown }).private === true;

/** The Colyseus room class for a room type, bound to the host's settings. */
export function roomClassFor<S extends Schema, O extends BaseOptions, G, I>(type: RoomType<S, O, G, I>, settings: KitSettings) {
  return class extends KitRoom<S, O, G, I> {
    static roomType = type;
    protected override type = type;
    protected override settings = settings;
  };
}
