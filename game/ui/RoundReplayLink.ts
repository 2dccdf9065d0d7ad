import { byId } from "./dom.ts";
import { replayStored } from "./replayStored.ts";

/** Tries at the replay route after a round ends: the server stores the log so far just after the round's last tick. */
const TRIES = 5;
const TRY_EVERY_MS = 1000;

/**
 * "Watch replay" on the end-of-round screen of a live arena room (docs/replays.md, "Links into
 * replays"): the server stores the room's log so far when a round ends, so once
 * HEAD /api/replays/<roomId> answers 200 the link opens /replay/<roomId> in a new tab (the
 * player stays in the room). Nothing shows when the host keeps no replays.
 */
export class RoundReplayLink {
  private readonly link = byId<HTMLAnchorElement>("round-end-replay");
  private generation = 0;

  /** A round of room `roomId` just ended: look for its log and offer it. */
  offer(roomId: string): void {
    const mine = ++this.generation;
    this.link.hidden = true;
    void replayStored(roomId, TRIES, TRY_EVERY_MS, () => mine === this.generation).then((stored) => {
      if (!stored) return;
      this.link.href = `/replay/${encodeURIComponent(roomId)}`;
      this.link.hidden = false;
    });
  }

  clear(): void {
    this.generation++;
    this.link.hidden = true;
  }
}
