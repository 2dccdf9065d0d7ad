/**
 * The public API for writing a room type. A room type declares its state, rules, inputs,
 * options, tick rate and capacity; server/kit turns it into a Colyseus room with the tick
 * loop, input buffering, validation, reconnection, matchmaking and listing already done.
 * See docs/room-types.md for a walk-through.
 */
import type { Schema, StateView } from "@colyseus/schema";
import type { Rng } from "../../shared/rng.ts";
import type { Seat } from "../../shared/kit/seats.ts";
import type { z } from "zod";
import type { KitToClient } from "../../shared/messages.ts";
import type { MessageMap, NoMessages, PayloadArgs, Protocol, Received } from "../../shared/registry.ts";
import type { Json } from "../../shared/replay/format.ts";
import type { CommandSink, ReplayRules } from "../../shared/replay/rules.ts";
import type { MatchRecord } from "../store/ratingStore.ts";

/** A room's extra lobby-listing fields (e.g. the arena's ArenaListing, shared/arena/protocol.ts). */
export type ListingFields = Readonly<Record<string, string | number | boolean>>;

/** The messages a room type's game may send: the kit's and its own protocol's `toClient`. */
export type ServerToClient<ToClient extends MessageMap> = KitToClient & ToClient;

/**
 * What the machinery lends a room type's game object. `send` and `broadcast` are typed from
 * the kit's messages and the room type's `protocol.toClient`: a wrong payload does not compile.
 */
export interface RoomServices<ToClient extends MessageMap = NoMessages["toClient"]> {
  readonly roomId: string;
  /** The match's seed (logged at creation, so a match can be replayed). */
  readonly seed: number;
  /** Randomness seeded with `seed`. Rules must use this, never Math.random(). */
  readonly rng: Rng;
  /**
   * Where the game's deterministic core writes each command it applies, for the match's
   * replay (docs/replays.md). Discards them when the room type is not replayable or
   * recording is off; never called from `create` (the recording starts after it).
   */
  readonly record: CommandSink;
  /** Server time in ms (monotonic). */
  now(): number;
  broadcast<K extends keyof ServerToClient<ToClient> & string>(type: K, ...payload: PayloadArgs<ServerToClient<ToClient>, K>): void;
  send<K extends keyof ServerToClient<ToClient> & string>(sessionId: string, type: K, ...payload: PayloadArgs<ServerToClient<ToClient>, K>): void;
  /** Run `fn` after `ms` on the room's clock; cancelled when the room is disposed. */
  later(ms: number, fn: () => void): { clear(): void };
  /** The server-measured round trip of a seat, in ms (0 until measured). */
  pingOf(sessionId: string): number;
  /**
   * Post a system line to the room's chat, e.g. "alice eliminated bob". Joins and leaves
   * are announced by the machinery already.
   */
  announce(text: string): void;
  /** Extra fields for this room's entry in the lobby listing (e.g. the map). */
  setListing(fields: ListingFields): void;
  /** The signed-in account of a seat, or undefined for an anonymous seat (docs/accounts.md). */
  accountOf(sessionId: string): string | undefined;
  /**
   * Rate a finished match between signed-in players. Returns at once; the write runs beside
   * the game and is idempotent by `matchId`, which must name this match alone (e.g. room id
   * and game number). Does nothing on a host without accounts.
   */
  recordMatch(m: MatchRecord): void;
  /**
   * The seat's StateView, for state fields declared `.view()` (only for room types with
   * `views: true`; undefined otherwise or once the seat has left).
   */
  viewOf(sessionId: string): StateView | undefined;
}

/** The timing of one tick, as Colyseus's setFixedTimestep gives it. */
export interface TickTiming {
  /** Seconds this tick covers. */
  dt: number;
  /** Simulation steps to run within it (each `subDt` long), for a simulation finer than the input rate. */
  subSteps: number;
  subDt: number;
}

/** A fixed-tick room type: clients stream flat-schema inputs, one per tick. */
export interface TickConfig<G, I> {
  /** Ticks (and client inputs) per second. */
  rate: number;
  /** Simulation steps per tick (default 1); clients predict with the same count. */
  subSteps?: number;
  /** The flat input schema clients send each tick (Colyseus defineInput). */
  input: new () => I;
  /** Why an input is invalid, or undefined. Invalid inputs are dropped and counted. */
  validate(input: I): string | undefined;
  /** Advance the game one tick with each player's inputs (spectators never appear here). */
  step(game: G, inputs: ReadonlyMap<string, readonly I[]>, timing: TickTiming): void;
  /**
   * Inputs for players without a client, such as bots the game seats itself ("virtual
   * seats"): called once per tick before `step`, as `[playerId, input]` pairs, the ids the
   * game chose (a client's session id is never overridden). Each input passes `validate`
   * and joins the same `inputs` map as clients' inputs, so a virtual player can do nothing
   * a client cannot; an invalid one is dropped and logged. Virtual players are not clients:
   * the kit does not count them as seats, list them, ping them, chat with them or hold
   * their seats; the game manages them.
   * @example virtualInputs: (match, timing) => match.bots.intents(timing.dt),
   */
  virtualInputs?(game: G, timing: TickTiming): Iterable<readonly [playerId: string, input: I]>;
}

/**
 * How a room type handles one of its client messages. The kit has already validated the
 * payload against the message's schema (the room type's `protocol.toServer`), so `payload`
 * is the schema's output.
 */
export interface MessageSpec<G, T> {
  /** Apply it. Throw MoveError for a move the rules refuse. */
  handle(game: G, seat: Seat, payload: T): void;
  /** Whether spectators may send it (default: players only). */
  spectators?: boolean;
}

/** One handler for every message of a `toServer` map, each receiving its schema's output. */
export type MessageHandlers<G, ToServer extends MessageMap> = { readonly [K in keyof ToServer]: MessageSpec<G, Received<ToServer, K>> };

/** Host limits for a room type, from the environment (server/config.ts). */
export interface HostLimits {
  maxPlayers: number;
  /** Room-type-specific host settings from the environment, already validated (e.g. round length). */
  settings: Readonly<Record<string, number>>;
}

export interface BaseOptions {
  /** Seats for players; joiners beyond it spectate (if the type allows) or are refused. */
  maxPlayers: number;
}

/** The creation options after the kit's and the room type's schema: defaults for the kit's filled in. */
export type CheckedOptions<F extends z.ZodRawShape> = z.output<z.ZodObject<F>> & {
  private: boolean;
  /** The requested seats within [minSeats, host limit]; the host limit when not asked for. */
  maxPlayers: number;
};

/** A room type's creation options: one schema (kit fields + `fields`) and what the room builds from it. */
export interface RoomOptionsSpec<O> {
  /** The room type's own option fields (from shared/<type>/protocol.ts). */
  readonly fields: z.ZodRawShape;
  /** Fewest seats a creator may ask for. */
  readonly minSeats: number;
  /** The room's options from the checked ones and the host's limits (host settings, derived values). */
  readonly resolve: (checked: CheckedOptions<z.ZodRawShape>, limits: HostLimits) => O;
}

/**
 * Declare a room type's options: its own fields, the seat floor, and how the room's options
 * are built from the checked values. The matchmaker refuses (422, the field's message) any
 * option outside the schema, so `resolve` never sees a bad value.
 * @example defineOptions({ fields: { turnSeconds: z.int().min(5).max(120).optional() }, resolve: (o) => ({ maxPlayers: 2, turnSeconds: o.turnSeconds ?? 30 }) })
 */
export function defineOptions<const F extends z.ZodRawShape, O extends BaseOptions>(spec: {
  fields?: F;
  minSeats?: number;
  resolve(checked: CheckedOptions<F>, limits: HostLimits): O;
}): RoomOptionsSpec<O> {
  return { fields: spec.fields ?? {}, minSeats: spec.minSeats ?? 1, resolve: spec.resolve as RoomOptionsSpec<O>["resolve"] };
}

/**
 * How a room type's matches are recorded and replayed (docs/replays.md): its core's replay
 * rules (shared/<type>/replay.ts), where that core lives in the game, and what the rules
 * need from the room's options to build the same starting world.
 */
export interface RoomReplay<G, O, Sim = unknown> {
  rules: ReplayRules<Sim>;
  /** The deterministic core the rules replay (the one given `services.record`). */
  sim(game: G): Sim;
  /** The log header's `setup`: what `rules.create` needs besides the seed. */
  setup(options: O): Json;
  /** What the match's list entry shows as its result (scores, winner), at its end. */
  result?(game: G): Json;
}

/**
 * Declare a room type's replay (an identity function that checks the core's type across
 * `rules` and `sim`, then forgets it for the kit).
 * @example replay: defineReplay({ rules: arenaReplayRules, sim: (match) => match.game, setup: (o) => ({ map: o.map.id }) }),
 */
export function defineReplay<G, O, Sim>(spec: RoomReplay<G, O, Sim>): RoomReplay<G, O> {
  return spec as unknown as RoomReplay<G, O>;
}

export interface RoomType<S extends Schema, O extends BaseOptions, G, I = never, P extends Protocol = NoMessages> {
  /** The matchmaker's room name, e.g. "arena". */
  name: string;
  /** A human label for the room list and Quick play, e.g. "Arena". */
  mode: string;
  state: new () => S;
  /** Seats when the host sets no limit. */
  defaultMaxPlayers: number;
  /** Whether joiners beyond maxPlayers watch as spectators. */
  spectators: boolean;
  /**
   * Creation options (defineOptions): checked by the matchmaker before a room is created or
   * joined (server/kit/roomOptions.ts), then turned into `O` when the room is created.
   */
  options: RoomOptionsSpec<O>;
  /** The room type's own messages, both directions (shared/<type>/protocol.ts); none when absent. */
  protocol?: P;
  /** Build the game object: the rules bound to this room's state. */
  create(services: RoomServices<P["toClient"]>, state: S, options: O): G;
  /** Present for fixed-tick games; absent for event-driven ones (turns, clicks). */
  tick?: TickConfig<G, I>;
  /** A handler for every message of `protocol.toServer`. The kit's own names (shared/messages.ts) are taken. */
  messages?: MessageHandlers<G, P["toServer"]>;
  onJoin(game: G, seat: Seat): void;
  onLeave(game: G, seat: Seat): void;
  /** A seat dropped and may come back (its state should show it as away). */
  onDrop?(game: G, seat: Seat): void;
  onReconnect?(game: G, seat: Seat): void;
  /**
   * Give every client its own StateView (Colyseus `client.view`) before `onJoin`, for state
   * fields declared `.view()`: the game decides what each view holds through `services.viewOf`.
   */
  views?: boolean;
  /** Copy simulation into state before each patch. */
  onBeforePatch?(game: G): void;
  /** Present for room types whose matches are recorded as replays. */
  replay?: RoomReplay<G, O>;
}

/**
 * Declare a room type. An identity function that lets TypeScript infer and check
 * the state, options, game and input types together.
 */
export function defineRoomType<S extends Schema, O extends BaseOptions, G, I = never, P extends Protocol = NoMessages>(type: RoomType<S, O, G, I, P>): RoomType<S, O, G, I, P> {
  return type;
}
