/**
 * `npm run bots -- [--url http://localhost:2567] [--count 4] [--room <roomId>]`:
 * bots join an arena (Quick play's room, or the given one) and play until Ctrl-C.
 * For playing against something on a dev server, and for watching the netcode under load.
 */
import { Client } from "@colyseus/sdk";
import { parseCommandLine, usageError } from "../../scripts/cli.ts";
import { Bot } from "./Bot.ts";
import { driveBots } from "./driveBots.ts";

const tool = {
  usage: "npm run bots -- [options]",
  summary: "Headless bots join an arena (Quick play's room, or the one given) and play until Ctrl-C.",
  options: {
    url: { type: "string", default: "http://localhost:2567", help: "the server to join" },
    count: { type: "string", default: "4", help: "how many bots, 1 to 64" },
    room: { type: "string", help: "the id of the room to join (default: Quick play's)" },
  },
} as const;
const { values } = parseCommandLine(tool);
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1 || count > 64) usageError(tool, `--count must be 1 to 64, got "${values.count}"`);

const bots: Bot[] = [];
for (let i = 1; i <= count; i++) {
  // Join one at a time, into the first bot's room unless told otherwise, so they play together.
  const roomId = values.room ?? bots[0]?.room.roomId;
  bots.push(await Bot.join(new Client(values.url), `bot-${i}`, roomId ? { roomId } : {}));
}
console.log(`${count} bots playing in room ${bots[0]!.room.roomId}; Ctrl-C to stop`);
const stop = driveBots(bots);

process.once("SIGINT", async () => {
  stop();
  await Promise.all(bots.map((b) => b.leave()));
  process.exit(0);
});
