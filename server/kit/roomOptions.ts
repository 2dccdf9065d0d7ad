/**
 * The matchmaker's check of a client's options, run (as the room class's static onAuth)
 * before any room is created or joined: quick play, create, join and joinById alike.
 * A bad option is refused with JoinError.InvalidOptions and a message saying what to fix,
 * so no room is ever created from options it would have to clamp or ignore.
 */
import { ServerError } from "colyseus";
import { reservedNameProblem } from "../../shared/names.ts";
import { JoinError } from "../../shared/protocol.ts";
import { OptionsError, parseJoinOptions } from "./joinOptions.ts";
import type { BaseOptions, HostLimits, RoomType } from "./RoomType.ts";
import type { Schema } from "@colyseus/schema";

/** Options every kit room understands, besides the room type's own (RoomType.optionKeys). */
const KIT_KEYS = new Set(["name", "protocol", "private", "seatOpen", "mode", "maxPlayers"]);
/** More keys than any real client sends: the rest of the checks never see a huge object. */
const MAX_KEYS = 16;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Why these options are unacceptable for this room type, or undefined. */
export function roomOptionsProblem<S extends Schema, O extends BaseOptions, G, I>(type: RoomType<S, O, G, I>, raw: unknown, limits: HostLimits): string | undefined {
  if (!isPlainObject(raw)) return "options must be an object";
  const keys = Object.keys(raw);
  if (keys.length > MAX_KEYS) return `too many options (at most ${MAX_KEYS})`;
  const own = new Set(type.optionKeys ?? []);
  const unknown = keys.find((k) => !KIT_KEYS.has(k) && !own.has(k));
  if (unknown !== undefined) return `unknown option "${unknown.slice(0, 32)}"`;
  if (raw.private !== undefined && typeof raw.private !== "boolean") return "private must be true or false";
  if (raw.seatOpen !== undefined && typeof raw.seatOpen !== "boolean") return "seatOpen must be true or false";
  if (raw.mode !== undefined && raw.mode !== type.name && raw.mode !== type.mode) return `mode must be "${type.name}" for this room`;
  const seats = raw.maxPlayers;
  if (seats !== undefined && (typeof seats !== "number" || !Number.isInteger(seats) || seats < 1 || seats > limits.maxPlayers)) {
    return `maxPlayers must be a whole number from 1 to ${limits.maxPlayers}`;
  }
  return type.optionsProblem?.(raw, limits);
}

/**
 * The static onAuth of every kit room: the joining player's name, or a refusal with
 * JoinError.InvalidOptions. Runs in the matchmaker, before a room is created or a seat reserved.
 */
export function admitJoin<S extends Schema, O extends BaseOptions, G, I>(type: RoomType<S, O, G, I>, raw: unknown, limits: HostLimits): { name: string } {
  try {
    const problem = roomOptionsProblem(type, raw, limits);
    if (problem) throw new OptionsError(problem);
    return parseJoinOptions(raw);
  } catch (e) {
    if (e instanceof OptionsError) throw new ServerError(JoinError.InvalidOptions, e.message);
    throw e;
  }
}

/** A join under a name the system uses ("System", "Admin"...) is refused with InvalidOptions. */
export function refuseReservedName(name: string): void {
  const problem = reservedNameProblem(name);
  if (problem) throw new ServerError(JoinError.InvalidOptions, problem);
}
