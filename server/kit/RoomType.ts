/**
 * The public API for writing a room type. A room type declares its state, rules, inputs,
 * options, tick rate and capacity; server/kit turns it into a Colyseus room with the tick
 * loop, input buffering, validation, reconnection, matchmaking and listing already done.
 * See docs/room-types.md for a walk-through.
 */
import type { Schema, StateView } from "@colyseus/schema";
import type { Rng } from "../../shared/rng.ts";
import type { Seat } from "../../shared/kit/seats.ts";
import type { Result } from "../../shared/validate.ts";

/** What the machinery lends a room type's game object. */
export interface RoomServices {
  readonly roomId: string;
  /** The match's seed (logged at creation, so a match can be replayed). */
  readonly seed: number;
  /** Randomness seeded with `seed`. Rules must use this, never Math.random(). */
  readonly rng: Rng;
  /** Server time in ms (monotonic). */
  now(): number;
  broadcast(type: string, payload: unknown): void;
  send(sessionId: string, type: string, payload: unknown): void;
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
  setListing(fields: Record<string, string | number | boolean>): void;
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

/** A client message a room type accepts: parsed at the edge, then handled. */
export interface MessageSpec<G, T> {
  /** Validate the raw payload. A failure is refused, counted, and never reaches `handle`. */
  parse(raw: unknown): Result<T>;
  /** Apply it. Throw MoveError for a move the rules refuse. */
  handle(game: G, seat: Seat, payload: T): void;
  /** Whether spectators may send it (default: players only). */
  spectators?: boolean;
}

/** Declares a message spec with its payload type inferred from `parse`. */
export const message = <G, T>(spec: MessageSpec<G, T>): MessageSpec<G, T> => spec;

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

export interface RoomType<S extends Schema, O extends BaseOptions, G, I = never> {
  /** The matchmaker's room name, e.g. "arena". */
  name: string;
  /** A human label for the room list and Quick play, e.g. "Arena". */
  mode: string;
  state: new () => S;
  /** Seats when the host sets no limit. */
  defaultMaxPlayers: number;
  /** Whether joiners beyond maxPlayers watch as spectators. */
  spectators: boolean;
  /** Creation options from the client, with defaults, clamped to the host's limits. */
  parseOptions(raw: unknown, limits: HostLimits): O;
  /** The room type's own option names (besides name, protocol, private, seatOpen, mode, maxPlayers). */
  optionKeys?: readonly string[];
  /**
   * Why the room type's own options are unacceptable, or undefined. Checked by the matchmaker
   * before a room is created or joined (server/kit/roomOptions.ts); a problem refuses the request.
   */
  optionsProblem?(raw: Readonly<Record<string, unknown>>, limits: HostLimits): string | undefined;
  /** Build the game object: the rules bound to this room's state. */
  create(services: RoomServices, state: S, options: O): G;
  /** Present for fixed-tick games; absent for event-driven ones (turns, clicks). */
  tick?: TickConfig<G, I>;
  // Payload types differ per message, so the record is loosely typed; `message()` keeps each one checked.
  // The kit's own chat types ("chat", "chat_since", "chat_mute") are taken.
  messages?: Record<string, MessageSpec<G, any>>;
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
}

/**
 * Declare a room type. An identity function that lets TypeScript infer and check
 * the state, options, game and input types together.
 */
export function defineRoomType<S extends Schema, O extends BaseOptions, G, I = never>(type: RoomType<S, O, G, I>): RoomType<S, O, G, I> {
  return type;
}
