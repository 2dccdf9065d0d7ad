/**
 * What every room type shares with its clients about who is in a room.
 * See docs/room-types.md.
 */

/** A seat's role: players act; spectators only watch (and chat). */
export type Role = "player" | "spectator";

/** One connected (or reconnecting) participant, as the machinery hands it to a room type. */
export interface Seat {
  /** The Colyseus session id; stable across reconnections. */
  readonly id: string;
  /** The validated display name. */
  readonly name: string;
  readonly role: Role;
}

/**
 * A move the rules refuse: out of turn, an illegal column, a spectator trying to play.
 * Throw it from a message handler; the machinery sends `{ reason, detail }` to the mover
 * alone and changes nothing. `reason` is a stable, named code from the room type's vocabulary.
 * @example throw new MoveError("not_your_turn", "wait for the other player");
 */
export class MoveError extends Error {
  override name = "MoveError";
  constructor(
    readonly reason: string,
    detail: string,
  ) {
    super(detail);
  }
}
