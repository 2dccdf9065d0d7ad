/**
 * What the decoding bots saw during the window: that the game was really played (kills in
 * their rooms), how many patches reached them, and their ping as the server measured it.
 */
import type { Bot } from "../../headless/bots/Bot.ts";

export function watchBots(bots: readonly Bot[]) {
  const start = performance.now();
  let patches = 0;
  const offs = bots.map((bot) => {
    const count = () => patches++;
    bot.room.onStateChange(count);
    return () => bot.room.onStateChange.remove(count);
  });
  const kills = () => bots.reduce((n, b) => n + [...b.room.state.players.values()].reduce((m, p) => m + p.score, 0), 0);
  const killsAtStart = kills();
  const sentAtStart = bots.reduce((n, b) => n + b.stats.sent, 0);

  return {
    report() {
      offs.forEach((off) => off());
      const seconds = (performance.now() - start) / 1000;
      const pings = bots.map((b) => b.room.state.players.get(b.sessionId)?.ping ?? 0).sort((x, y) => x - y);
      return {
        count: bots.length,
        patchesPerBotPerS: bots.length ? patches / bots.length / seconds : 0,
        intentsPerBotPerS: bots.length ? (bots.reduce((n, b) => n + b.stats.sent, 0) - sentAtStart) / bots.length / seconds : 0,
        /** Kills in the bots' rooms over the window (every player counts, not only bots). */
        killsInBotRooms: kills() - killsAtStart,
        serverPingMs: { median: pings[Math.floor(pings.length / 2)] ?? 0, max: pings[pings.length - 1] ?? 0 },
      };
    },
  };
}
