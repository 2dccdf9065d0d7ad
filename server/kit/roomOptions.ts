/**
 * The matchmaker's check of a client's options, run (as the room class's static onAuth)
 * before any room is created or joined: quick play, create, join and joinById alike.
 * One schema per room type, built from the kit's fields (shared/kit/options.ts) and the
 * type's own, refuses a bad option with JoinError.InvalidOptions and the field's message,
 * so no room is ever created from options it would have to clamp or ignore; the same fields
 * then give the room its options.
 */
import { ServerError } from "colyseus";
import { z } from "zod";
import type { Schema } from "@colyseus/schema";
import { joinFields, JoinOptions, kitCreateFields } from "../../shared/kit/options.ts";
import { JoinError } from "../../shared/protocol.ts";
import { refusalOf } from "../../shared/registry.ts";
import type { BaseOptions, HostLimits, RoomType } from "./RoomType.ts";

/** More keys than any real client sends: the schema never sees a huge object. */
const MAX_KEYS = 16;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** A room type's options schemas for one host: what a join may carry, and what a room is created from. */
export interface RoomOptionSchemas<O> {
  /** Join fields, the kit's creation fields and the type's own; any other key is refused. */
  admission: z.ZodType<unknown>;
  /** The creation fields only: the room's options, and whether the room is private. */
  creation: z.ZodType<{ options: O; private: boolean; rated: boolean; watchable: boolean }>;
}

export function roomOptionSchemas<S extends Schema, O extends BaseOptions, G, I>(type: RoomType<S, O, G, I, any>, limits: HostLimits): RoomOptionSchemas<O> {
  const spec = type.options;
  const fields = { ...kitCreateFields(type, { min: spec.minSeats, max: limits.maxPlayers }), ...spec.fields };
  return {
    admission: z.strictObject({ ...joinFields, ...fields }).superRefine(onlyPrivateUnrated),
    creation: z
      .object(fields)
      .superRefine(onlyPrivateUnrated)
      .transform((o) => {
        const checked = { ...o, private: o.private ?? false, maxPlayers: o.maxPlayers ?? limits.maxPlayers };
        // A public room may always be watched; a private one when its owner said so (docs/replays.md).
        return { options: spec.resolve(checked, limits), private: checked.private, rated: o.rated ?? true, watchable: !checked.private || o.spectators === true };
      }),
  };
}

/** Only a private room (reached by its code) may be unrated: public rooms and quick play always count. */
function onlyPrivateUnrated(o: { private?: boolean; rated?: boolean }, ctx: z.RefinementCtx): void {
  if (o.rated === false && o.private !== true) ctx.addIssue({ code: "custom", path: ["rated"], message: "rated: false is only for a private room (create it with private: true)" });
}

/** Why these options are unacceptable, or undefined. */
export function optionsProblem(schema: z.ZodType<unknown>, raw: unknown): string | undefined {
  if (!isPlainObject(raw)) return "options must be an object";
  if (Object.keys(raw).length > MAX_KEYS) return `too many options (at most ${MAX_KEYS})`;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  if (issue?.code === "unrecognized_keys") return `unknown option "${String(issue.keys[0]).slice(0, 32)}"`;
  return refusalOf(parsed.error).detail;
}

/**
 * The static onAuth of every kit room: the joining player's name, or a refusal with
 * JoinError.InvalidOptions. Runs in the matchmaker, before a room is created or a seat reserved.
 */
export function admitJoin(admission: z.ZodType<unknown>, raw: unknown): { name: string; spectate: boolean } {
  const problem = optionsProblem(admission, raw);
  if (problem) throw new ServerError(JoinError.InvalidOptions, problem);
  const join = JoinOptions.parse(raw);
  return { name: join.name, spectate: join.spectate === true };
}

/** The lobby's onAuth: a valid name and protocol (its other options are Colyseus's LobbyRoom's). */
export function admitLobbyJoin(raw: unknown): { name: string } {
  const parsed = JoinOptions.safeParse(raw);
  if (!parsed.success) throw new ServerError(JoinError.InvalidOptions, refusalOf(parsed.error).detail);
  return { name: parsed.data.name };
}
