/**
 * Room options as schemas: what every client sends to join (name, protocol), and the kit's
 * creation options every room type understands (private, seatOpen, mode, maxPlayers). A room
 * type adds its own fields (shared/<type>/protocol.ts); server/kit/roomOptions.ts puts them
 * together into the one schema the matchmaker checks and the room reads its options from.
 */
import { z } from "zod";
import { MAX_NAME_LENGTH } from "../constants.ts";
import { reservedNameProblem } from "../names.ts";
import { PROTOCOL_VERSION } from "../protocol.ts";

const NAME_PATTERN = /^[A-Za-z0-9 _-]+$/;
const NAME_LENGTH = `name must be 1 to ${MAX_NAME_LENGTH} characters`;

/** A display name: 1–16 letters, digits, spaces, `_` or `-`, trimmed, and not one the system uses (shared/names.ts). */
export const PlayerName = z
  .string({ error: "name must be a string" })
  .trim()
  .min(1, NAME_LENGTH)
  .max(MAX_NAME_LENGTH, NAME_LENGTH)
  .regex(NAME_PATTERN, "name may hold only letters, digits, spaces, _ and -")
  .superRefine((name, ctx) => {
    const reserved = reservedNameProblem(name);
    if (reserved) ctx.addIssue({ code: "custom", message: reserved });
  });

/** The client's PROTOCOL_VERSION; any other is refused with a message telling the player to reload. */
export const ProtocolVersion = z.literal(PROTOCOL_VERSION, {
  error: (issue) => `client protocol ${String(issue.input)} does not match server protocol ${PROTOCOL_VERSION}; reload the page`,
});

/** What every join carries, to any room (the lobby too). */
// Protocol first: a stale client is told to reload before anything else about its options.
export const joinFields = {
  protocol: ProtocolVersion,
  name: PlayerName,
  /** Ask for numbered reliable messages, replayed after a reconnect (shared/kit/resume.ts). */
  resume: z.boolean({ error: "resume must be true or false" }).optional(),
  /** Watch rather than play: a spectator seat, no entity, no input (docs/replays.md, "Live spectating"). */
  spectate: z.boolean({ error: "spectate must be true or false" }).optional(),
};

/** The lobby's join options: other keys are Colyseus's LobbyRoom's (its filter), not ours. */
export const JoinOptions = z.object(joinFields);
/** Options a client passes when joining or creating any room. */
export type JoinOptions = z.input<typeof JoinOptions>;

/** The seat range a creator may ask for: the room type's floor up to the host's limit. */
export interface SeatRange {
  min: number;
  max: number;
}

/**
 * The kit's creation options for one room type (`name` and `mode` are the type's), with the
 * seat range from the host's limits.
 */
export function kitCreateFields(type: { name: string; mode: string }, seats: SeatRange) {
  const SEATS = `maxPlayers must be a whole number from ${seats.min} to ${seats.max}`;
  return {
    /** Creator only: make a private room, reachable only by its code. */
    private: z.boolean({ error: "private must be true or false" }).optional(),
    /** Creator only: `false` makes a private room unrated (its matches go to the history only); default true. */
    rated: z.boolean({ error: "rated must be true or false" }).optional(),
    /** Quick play asks for `{ seatOpen: true }` so it never lands anyone in a spectator seat. */
    seatOpen: z.boolean({ error: "seatOpen must be true or false" }).optional(),
    /** Creator of a private room only: whether it may be watched by its code (public rooms always may). */
    spectators: z.boolean({ error: "spectators must be true or false" }).optional(),
    mode: z.enum([type.name, type.mode], { error: `mode must be "${type.name}" for this room` }).optional(),
    maxPlayers: z.int({ error: SEATS }).min(seats.min, SEATS).max(seats.max, SEATS).optional(),
  };
}

/** The kit's creation options as a client writes them (any room type). */
export type KitCreateOptions = z.input<z.ZodObject<ReturnType<typeof kitCreateFields>>>;
