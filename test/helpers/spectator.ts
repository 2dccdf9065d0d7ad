/** An arena spectator in tests: its SDK room and the delayed log it plays (as the browser does, without drawing). */
import type { Client, Room } from "@colyseus/sdk";
import type { ArenaState } from "../../shared/arena/schema.ts";
import type { ChatLine } from "../../shared/chat.ts";
import { Msg, type PingMessage, type RejectedMessage } from "../../shared/protocol.ts";
import type { SpectateEntriesMessage, SpectateStartMessage } from "../../shared/replay/spectate.ts";
import { SpectatorLog } from "../../game/net/SpectatorLog.ts";
import { Inbox } from "./inbox.ts";
import { joinOptions, nextMessage } from "./testServer.ts";

export interface Watcher {
  room: Room<ArenaState>;
  feed: SpectatorLog;
  rejected: Inbox<RejectedMessage>;
  chat: Inbox<ChatLine>;
}

/** Watch arena `roomId` through `client` (kept in `open` for leaveAll), once its log started. */
export async function watch(client: Client, open: Room[], roomId: string, name: string): Promise<Watcher> {
  const room = await client.joinById<ArenaState>(roomId, { ...joinOptions(name), spectate: true });
  open.push(room);
  room.onMessage(Msg.Ping, (m: PingMessage) => room.send(Msg.Pong, m));
  room.onMessage(Msg.RoomInfo, () => undefined);
  room.onMessage(Msg.ChatHistory, () => undefined);
  const rejected = new Inbox<RejectedMessage>(room, Msg.Rejected);
  const chat = new Inbox<ChatLine>(room, Msg.Chat);
  const entries: SpectateEntriesMessage[] = [];
  let feed: SpectatorLog | undefined;
  const started = new Promise<SpectatorLog>((resolve) =>
    room.onMessage(Msg.SpectateStart, (m: SpectateStartMessage) => {
      feed = new SpectatorLog(m);
      for (const e of entries.splice(0)) feed.append(e);
      resolve(feed);
    }),
  );
  room.onMessage(Msg.SpectateEntries, (m: SpectateEntriesMessage) => (feed ? feed.append(m) : entries.push(m)));
  return { room, feed: await started, rejected, chat };
}

/** Resolve once the watcher's delayed view satisfies `check` (on each feed frame). */
export async function untilFeed(w: Watcher, check: () => boolean, frames = 200): Promise<void> {
  for (let i = 0; i < frames; i++) {
    w.feed.replay.catchUp();
    if (check()) return;
    await nextMessage(w.room, Msg.SpectateEntries);
  }
  throw new Error(`the spectator's view did not get there in ${frames} feed frames`);
}
