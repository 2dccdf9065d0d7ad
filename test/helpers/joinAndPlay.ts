/**
 * A player in a process of its own, for tests that kill it: joins the arena room given on
 * the command line, prints "joined <sessionId>", and plays until killed.
 *   node --import tsx test/helpers/joinAndPlay.ts <serverUrl> <roomId>
 */
import { Client } from "@colyseus/sdk";
import { Bot } from "../../headless/bots/Bot.ts";
import { driveBots } from "../../headless/bots/driveBots.ts";
import { INPUT_RATE } from "../../shared/constants.ts";

const [url, roomId] = process.argv.slice(2);
if (!url || !roomId) throw new Error("usage: joinAndPlay.ts <serverUrl> <roomId>");
const bot = await Bot.join(new Client(url), "doomed", { roomId });
driveBots([bot], INPUT_RATE);
console.log(`joined ${bot.sessionId}`);
