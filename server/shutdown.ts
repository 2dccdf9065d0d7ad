/**
 * Graceful shutdown, run on SIGTERM (a deploy or restart):
 * 1. draining starts (server/lifecycle.ts): matchmaking places no one, /health answers 503,
 *    game rooms are locked so no other process seats anyone new in them (reconnection still
 *    works), and other processes stop placing rooms here (hosting/drainingPlacement.ts);
 * 2. every game room tells its players in chat that the server restarts in N seconds, and
 *    keeps playing for the grace period (SHUTDOWN_GRACE_SECONDS), or until everyone has left;
 * 3. every game room then closes with CloseCode.ServerRestarting and a reason the game shows;
 * 4. Colyseus shuts down (the lobby, the transport) and the caller exits 0.
 */
import { matchMaker } from "colyseus";
import { CloseCode } from "../shared/protocol.ts";
import { KitRoom } from "./kit/KitRoom.ts";
import { lifecycle } from "./lifecycle.ts";
import { log } from "./log.ts";

/** How often the grace period checks whether every player has already left. */
const EMPTY_CHECK_MS = 250;

export const RESTART_REASON = "the server is restarting; rejoin in a moment";

interface Stoppable {
  gracefullyShutdown(exit?: boolean): Promise<void>;
}

// Every kit room has its own state, options and game types; here only closeFor and chat are used.
type AnyKitRoom = KitRoom<never, never, unknown, unknown>;

/** This process's game rooms (the lobby is not one: Colyseus closes it last). */
async function localGameRooms(): Promise<AnyKitRoom[]> {
  const listings = await matchMaker.query({});
  const rooms: AnyKitRoom[] = [];
  for (const l of listings) {
    const room = matchMaker.getLocalRoomById(l.roomId);
    if (room instanceof KitRoom) rooms.push(room as AnyKitRoom);
  }
  return rooms;
}

const playersIn = (rooms: readonly AnyKitRoom[]): number => rooms.reduce((n, r) => n + r.clients.length, 0);

/** Resolve after `ms`, or as soon as no game room has a client left. */
function graceOver(rooms: readonly AnyKitRoom[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = performance.now() + ms;
    const check = () => {
      if (playersIn(rooms) === 0 || performance.now() >= deadline) resolve();
      else setTimeout(check, Math.min(EMPTY_CHECK_MS, deadline - performance.now()));
    };
    check();
  });
}

/** Steps 1–4 above. Resolves once the server has stopped; the caller exits. */
export async function shutdownGracefully(server: Stoppable, graceSeconds: number): Promise<void> {
  lifecycle.startDraining();
  const rooms = await localGameRooms();
  await Promise.all(rooms.map((room) => room.lock()));
  log.info("draining", { rooms: rooms.length, players: playersIn(rooms), graceSeconds });
  if (graceSeconds > 0) {
    for (const room of rooms) room.chat.announce(`The server restarts in ${graceSeconds} seconds; finish up`);
    await graceOver(rooms, graceSeconds * 1000);
  }
  await Promise.all((await localGameRooms()).map((room) => room.closeFor(CloseCode.ServerRestarting, RESTART_REASON)));
  await server.gracefullyShutdown(false);
  log.info("shut down", {});
}
