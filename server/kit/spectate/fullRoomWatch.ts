/**
 * Watching a room whose player seats are all taken (docs/replays.md, "Live spectating").
 *
 * Colyseus locks a room when KitRoom.hasReachedMaxClients says so, which for the arena is
 * "every player seat taken": that lock is what keeps quick play (joinOrCreate, join) from
 * landing a player in a spectator seat, so it stays. But the matchmaker's joinById refuses
 * any locked room before the room is asked, and so did every spectator of a full arena.
 *
 * The matchmaker's controller (the documented hook its POST /matchmake route calls, already
 * overridden for CORS in net/cors.ts) is wrapped here: a joinById that asks to spectate a room
 * locked for being full reserves its seat through the room's own `reserveSpectatorSeat`
 * (remoteRoomCall, so it works whichever process holds the room). The room accepts only a
 * spectator, only while it is locked for being full (not locked on purpose, e.g. shutting
 * down), and only while a spectator seat is free; anything else keeps Colyseus's answer.
 */
import { ErrorCode, generateId, matchMaker, RoomInternalState, ServerError, type Room } from "colyseus";

type InvokeMethod = typeof matchMaker.controller.invokeMethod;

/** The room-side method's name (KitRoom.reserveSpectatorSeat). */
export const RESERVE_SPECTATOR_SEAT = "reserveSpectatorSeat";

let installed = false;

/** Wrap the controller once per process (idempotent: test servers start several times). */
export function admitSpectatorsToFullRooms(): void {
  if (installed) return;
  installed = true;
  const controller = matchMaker.controller;
  const original: InvokeMethod = controller.invokeMethod.bind(controller);
  controller.invokeMethod = async (method, roomId, clientOptions = {}, authContext) => {
    if (method !== "joinById" || (clientOptions as { spectate?: unknown }).spectate !== true) return original(method, roomId, clientOptions, authContext);
    const listing = await matchMaker.getRoomById(roomId);
    if (!listing?.locked) return original(method, roomId, clientOptions, authContext);
    try {
      return await spectateLocked(listing, clientOptions, authContext);
    } catch (e) {
      const err = e as { code?: number; message?: string };
      throw new ServerError(err.code ?? ErrorCode.MATCHMAKE_UNHANDLED, err.message ?? String(e));
    }
  };
}

type Listing = NonNullable<Awaited<ReturnType<typeof matchMaker.getRoomById>>>;

async function spectateLocked(listing: Listing, options: Record<string, unknown>, authContext: Parameters<InvokeMethod>[3]) {
  // The same check joinById runs (the room class's static onAuth: options, account, bans).
  const onAuth = (matchMaker.getRoomClass(listing.name) as unknown as { onAuth?: (token: unknown, o: unknown, c: unknown) => unknown })?.onAuth;
  const result = onAuth && authContext ? await onAuth(authContext.token, options, authContext) : true;
  if (result === false || result === null || result === undefined) throw new ServerError(ErrorCode.AUTH_FAILED, "onAuth failed");
  const auth = result === true ? undefined : (result as { sessionId?: string });
  const sessionId = auth?.sessionId ?? generateId();
  const reserved = await matchMaker.remoteRoomCall(listing.roomId, RESERVE_SPECTATOR_SEAT, [sessionId, options, auth]);
  // Refused by the room: the answer joinById gives any locked room.
  if (reserved !== true) throw new ServerError(ErrorCode.MATCHMAKE_INVALID_ROOM_ID, `room "${listing.roomId}" is locked`);
  return matchMaker.buildSeatReservation(listing, sessionId);
}

/**
 * Keep a room locked while its player seats are full. Colyseus unlocks a room that was full
 * as soon as any seat frees, a spectator's included (and a spectator's reservation that
 * expires): the listing would then offer a full arena to quick play, whose every retry the
 * room refuses. On that unlock (Colyseus's own "unlock" event, emitted before it writes the
 * listing) the room's cap is re-applied through setMatchmaking, which locks it again, still
 * as "full" (so the next player's leave unlocks it as before).
 */
export function keepLockedWhileFull(room: Room): void {
  const events = (room as unknown as { _events: { on(name: string, fn: () => void): void } })._events;
  events.on("unlock", () => {
    if (room.hasReachedMaxClients()) void room.setMatchmaking({ maxClients: room.maxClients });
  });
}

/** Whether Colyseus is disposing the room (its own refusal of every reservation then). */
export function disposing(room: Room): boolean {
  return (room as unknown as { _internalState: number })._internalState === RoomInternalState.DISPOSING;
}
