/**
 * A delayed spectator's connection to a live arena (docs/replays.md, "Live spectating"): the
 * room gives it no live state, only the tick log SPECTATOR_DELAY_SECONDS behind, which a
 * SpectatorLog plays through an ArenaReplay (what the scene draws). Created right after the
 * join resolves, so the start message, which follows the join, is never missed.
 */
import type { Room } from "@colyseus/sdk";
import { Msg } from "../../shared/protocol.ts";
import { answerPings, messagesOf } from "./messages.ts";
import { SpectatorLog } from "./SpectatorLog.ts";

export class ArenaSpectator {
  /** Resolves with the delayed view once the server's start arrives. */
  readonly ready: Promise<SpectatorLog>;
  feed: SpectatorLog | undefined;

  constructor(readonly room: Room) {
    const net = messagesOf(room);
    answerPings(room);
    let resolve!: (feed: SpectatorLog) => void;
    this.ready = new Promise((r) => (resolve = r));
    net.on(Msg.SpectateStart, (start) => {
      // A reconnect starts afresh from the server's keyframe.
      this.feed = new SpectatorLog(start);
      resolve(this.feed);
    });
    net.on(Msg.SpectateEntries, (m) => this.feed?.append(m));
  }
}
