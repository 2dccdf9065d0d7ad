/**
 * A draining process (SIGTERM, server/shutdown.ts) gets no new rooms and no new players from
 * the other processes either. Its own gate already refuses matchmaking sent to it, but over
 * Redis another process's matchmaker may still
 * - ask it to create a room (Colyseus picks the process with the fewest rooms), or
 * - seat a quick-play player in one of its rooms that has a free seat.
 * So on draining the process writes a marker on presence, which the room-creation choice
 * below skips (Colyseus's `selectProcessIdToCreateRoom` hook), and shutdown.ts locks its game
 * rooms so that matchmaking no longer lists them as joinable. Reconnections are untouched.
 */
import { matchMaker, type Presence } from "colyseus";
import { lifecycle } from "../lifecycle.ts";
import { log } from "../log.ts";

const markerKey = (processId: string): string => `skirmish:draining:${processId}`;

/** How long the marker outlives the grace period: the process is gone by then (and Colyseus has excluded it). */
const MARKER_SLACK_SECONDS = 120;

/** On draining, mark this process on presence for the others to skip. */
export function markDrainingOnPresence(presence: Presence, graceSeconds: number): void {
  lifecycle.onDrain(() => {
    Promise.resolve(presence.setex(markerKey(matchMaker.processId), "1", graceSeconds + MARKER_SLACK_SECONDS)).catch((e: unknown) =>
      log.warn("cannot mark this process as draining on Redis; other processes may still place rooms here", { error: e instanceof Error ? e.message : String(e) }),
    );
  });
}

/**
 * Colyseus's default choice (the process with the fewest rooms), among processes that are
 * not draining; this process when every one is (its own gate refuses the request anyway).
 */
export function placementSkippingDraining(presence: Presence): matchMaker.SelectProcessIdCallback {
  return async () => {
    const all = await matchMaker.stats.fetchAll();
    const draining = await Promise.all(all.map((p) => (p.processId === matchMaker.processId ? lifecycle.draining : presence.exists(markerKey(p.processId)))));
    const open = all.filter((_, i) => !draining[i]).sort((a, b) => a.roomCount - b.roomCount);
    return open[0]?.processId ?? matchMaker.processId;
  };
}
