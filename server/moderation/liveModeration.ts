/**
 * Moderation reaching rooms that are already running: a ban closes the banned player's live
 * seats, a block changes whose chat the blocker hears at once, a deleted account loses its
 * seats. Sent over the matchmaker's presence (in memory for one process, Redis for a cluster),
 * so a route answered by one process reaches rooms on every process.
 */
import { matchMaker, type Presence } from "colyseus";
import { log } from "../log.ts";

const TOPIC = "skirmish:moderation";

export type ModerationEvent =
  | { kind: "ban"; accountId: string | null; address: string | null; text: string }
  | { kind: "block"; accountId: string; blockedId: string; on: boolean }
  | { kind: "deleted"; accountId: string };

/** Tell every room on every process. A presence that fails is logged: the database already holds the change, and joins read it. */
export async function publishModeration(event: ModerationEvent, presence: Presence = matchMaker.presence): Promise<void> {
  try {
    await presence.publish(TOPIC, event);
  } catch (e) {
    log.warn("moderation event not published", { kind: event.kind, error: e instanceof Error ? e.message : String(e) });
  }
}

/** Hear every moderation event until the returned function is called (a room's dispose). */
export function onModeration(presence: Presence, listener: (event: ModerationEvent) => void): () => void {
  const callback = (event: ModerationEvent) => {
    try {
      listener(event);
    } catch (e) {
      log.warn("moderation event not applied", { kind: event.kind, error: e instanceof Error ? e.message : String(e) });
    }
  };
  void presence.subscribe(TOPIC, callback);
  return () => void presence.unsubscribe(TOPIC, callback);
}
