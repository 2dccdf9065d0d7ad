import { INPUT_RATE } from "../../shared/constants.ts";
import type { Bot } from "./Bot.ts";

/**
 * Tick bots at `hz` (one intent each per tick; the game client sends one per input tick,
 * so the default is INPUT_RATE: faster only fills the server's input buffer, since the
 * server applies one intent per tick plus a bounded catch-up) until the returned function is called.
 * Timers fire late and unevenly, so the number of ticks due comes from the clock: over any
 * stretch, `hz` intents per second go out, as a client's frame loop would send them.
 */
export function driveBots(bots: readonly Bot[], hz = INPUT_RATE, now: () => number = () => performance.now()): () => void {
  const periodMs = 1000 / hz;
  const start = now();
  let done = 0;
  const timer = setInterval(() => {
    const due = Math.floor((now() - start) / periodMs) - done;
    // After a long stall, drop the backlog beyond five ticks, as the client's Predict.tick() does.
    const ticks = Math.min(due, 5);
    done += due;
    for (let i = 0; i < ticks; i++) for (const bot of bots) bot.tick(1 / hz);
  }, periodMs / 2);
  return () => clearInterval(timer);
}
