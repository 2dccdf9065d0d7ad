/**
 * A delayed spectator's view of a live arena (docs/replays.md, "Live spectating"): the
 * server's `spectate_start` and `spectate_entries` turned into a growing local tick log
 * that an ArenaReplay plays, so a spectator sees the match with the replay viewer's code
 * and scene, SPECTATOR_DELAY_SECONDS behind. Needs no renderer; tests drive it in Node.
 */
import type { ReplayLog } from "../../shared/replay/format.ts";
import { ReplayError, ReplayErrorCode } from "../../shared/replay/rules.ts";
import type { SpectateEntriesMessage, SpectateStartMessage } from "../../shared/replay/spectate.ts";
import { ArenaReplay } from "./ArenaReplay.ts";

export class SpectatorLog {
  readonly replay: ArenaReplay;
  readonly delaySeconds: number;
  /** The server's log position of the next entry expected. */
  private next: number;

  constructor(start: SpectateStartMessage) {
    // The local log: the seat notes (names only, they change nothing), then the server's entries from the keyframe on.
    const seats = start.seats.length;
    const log: ReplayLog = {
      header: start.header,
      entries: [...start.seats, ...start.entries],
      keyframes: start.keyframe ? [{ at: seats, state: start.keyframe.state }] : [],
      checksums: [],
      end: { endedAt: 0, durationMs: 0, truncated: false, result: null },
    };
    this.replay = new ArenaReplay(log, start.keyframe ? seats : 0);
    this.replay.live = true;
    this.delaySeconds = start.delaySeconds;
    this.next = start.from + start.entries.length;
  }

  /** The next entries; a gap or an overlap (which the server never sends) is refused, the view unchanged. */
  append(m: SpectateEntriesMessage): void {
    if (m.from !== this.next) throw new ReplayError(ReplayErrorCode.OutOfRange, `spectator feed expected entry ${this.next}, got ${m.from}`);
    this.replay.append(m.entries);
    this.next += m.entries.length;
  }
}
