import { ServerError, type RoomException, type RoomMethodName } from "colyseus";
import { log } from "../log.ts";

/**
 * What a room does with an exception its own code threw (Colyseus's onUncaughtException):
 * - "close": the tick, a timer, a message handler or a leave/drop/reconnect hook threw, so
 *   the room's state can no longer be trusted; it closes and its players are told why
 *   (CloseCode.RoomCrashed). Every other room runs on: one room's bug is one room's problem.
 * - "refuse": onCreate, onAuth or onJoin threw; Colyseus rethrows it, so that one request
 *   fails (a ServerError such as RoomFull is an ordinary refusal and is not even logged).
 * - "log": onDispose threw; the room is going anyway.
 */
export type CrashPolicy = "close" | "refuse" | "log";

const CLOSE: ReadonlySet<RoomMethodName> = new Set(["setFixedTimestep", "setTimestep", "setInterval", "setTimeout", "onMessage", "onLeave", "onDrop", "onReconnect"]);
const REFUSE: ReadonlySet<RoomMethodName> = new Set(["onCreate", "onAuth", "onJoin"]);

export function crashPolicy(method: RoomMethodName | "onBeforePatch"): CrashPolicy {
  if (method === "onBeforePatch" || CLOSE.has(method)) return "close";
  return REFUSE.has(method) ? "refuse" : "log";
}

/** The thrown value behind a RoomException (Colyseus wraps it; `cause` holds the original). */
function original(error: RoomException | unknown): unknown {
  return error instanceof Error && error.cause !== undefined ? error.cause : error;
}

/**
 * Log an exception with the room id and decide what to do. Returns the policy; the caller
 * (KitRoom) closes the room on "close".
 */
export function reportRoomException(roomId: string, error: RoomException | unknown, method: RoomMethodName | "onBeforePatch"): CrashPolicy {
  const policy = crashPolicy(method);
  const cause = original(error);
  if (policy === "refuse" && cause instanceof ServerError) return policy;
  const message = cause instanceof Error ? cause.message : String(cause);
  const stack = cause instanceof Error ? cause.stack?.split("\n").slice(1, 4).map((l) => l.trim()).join(" | ") : undefined;
  log.warn("room exception", { room: roomId, method, policy, error: message, stack });
  return policy;
}
