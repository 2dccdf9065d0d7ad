import { CloseCode } from "../../shared/protocol.ts";
import { byId } from "./dom.ts";
import { replayStored } from "./replayStored.ts";

/** Tries at the replay route, this far apart: a room's log is written as the room closes, just after its players leave. */
const TRIES = 10;
const TRY_EVERY_MS = 1000;

/**
 * "Watch the replay" on the menu after a game (docs/replays.md, "Links into replays"): once the
 * room's log is stored (GET /api/replays/<roomId>/stored answers `stored: true`; asking for the
 * log itself would answer 404 until then, which the browser logs as an error), a link to /replay/<roomId>.
 * A room that crashed (4500) offers the replay up to the crash. Nothing shows while the room
 * still runs (its log is stored when it closes) or when the host keeps no replays.
 */
export class ReplayOffer {
  private readonly root = byId<HTMLElement>("menu-replay");
  private readonly link = byId<HTMLAnchorElement>("menu-replay-link");
  private generation = 0;

  /** After leaving room `roomId` with close code `code`. */
  offer(roomId: string, code: number): void {
    const mine = ++this.generation;
    this.root.hidden = true;
    void replayStored(roomId, TRIES, TRY_EVERY_MS, () => mine === this.generation).then((stored) => {
      if (stored) this.show(roomId, code === CloseCode.RoomCrashed ? "Watch the replay up to the crash" : "Watch the replay of that match");
    });
  }

  /** The menu is left for another game: the offer goes. */
  clear(): void {
    this.generation++;
    this.root.hidden = true;
  }

  private show(roomId: string, text: string): void {
    this.link.href = `/replay/${encodeURIComponent(roomId)}`;
    this.link.textContent = text;
    this.root.hidden = false;
  }
}
