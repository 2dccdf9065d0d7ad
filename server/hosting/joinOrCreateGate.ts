/**
 * Quick play (`joinOrCreate`) without a stampede of new rooms.
 *
 * Colyseus serialises concurrent joinOrCreate calls that need a new room with a counter and
 * a pub/sub message: the first caller creates the room and publishes its id, the others wait
 * for that message. A caller that arrives after the message went out waits its whole timeout
 * (COLYSEUS_MAX_CONCURRENT_CREATE_ROOM_WAIT_TIME, 0.5 s + up to 0.6 s) and then creates a
 * room of its own, and so do all the others that arrived late: with two processes over
 * Redis, 40 simultaneous quick plays made up to 21 rooms instead of 16, 16 and 8.
 *
 * So each process lets one joinOrCreate per room type and filter at a time reach that
 * protocol, and only when no room has a seat: the usual case (a room with a free seat
 * exists) is a plain `join`, in parallel. Installed through matchMaker.controller, the hook
 * Colyseus documents for wrapping its matchmaking route.
 */
import { ErrorCode, matchMaker } from "colyseus";

const queues = new Map<string, Promise<unknown>>();
let installed = false;

export function gateJoinOrCreate(): void {
  if (installed) return;
  installed = true;
  const controller = matchMaker.controller;
  const invoke = controller.invokeMethod.bind(controller);
  controller.invokeMethod = async (method, roomName, clientOptions = {}, authOptions) => {
    if (method !== "joinOrCreate") return invoke(method, roomName, clientOptions, authOptions);
    try {
      return await invoke("join", roomName, clientOptions, authOptions);
    } catch (e) {
      if ((e as { code?: unknown }).code !== ErrorCode.MATCHMAKE_INVALID_CRITERIA) throw e;
    }
    const key = `${roomName}:${JSON.stringify(matchMaker.getHandler(roomName).getFilterOptions(clientOptions))}`;
    const turn = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => invoke(method, roomName, clientOptions, authOptions));
    queues.set(key, turn);
    try {
      return await turn;
    } finally {
      if (queues.get(key) === turn) queues.delete(key);
    }
  };
}
