/**
 * `npm run bench:seek`: how long a seek takes in the browser viewer, on a 3-minute, 16-player
 * arena match (bots, 200 drones). The log is generated here with the fill bots' brains (as
 * `npm run bench:replay` does), stored in a scratch DATA_DIR, and served by a real server
 * (createServer, as `npm start` builds it, with the built client in dist/client: built first
 * when missing). Chromium opens /replay/<id>, pauses, and for seeded positions on the
 * timeline times (a) the seek itself, the timeline's input handler (restore the nearest
 * keyframe, re-simulate the rest, mirror into the state), and (b) until the second frame
 * after it, i.e. the seek drawn on screen. The issue's target is under 0.5 s.
 *
 *   npm run bench:seek [-- --minutes 3 --seeks 25]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommandLine, usageError } from "../scripts/cli.ts";
import { BotMatch } from "../shared/arena/bots/botMatch.ts";
import { FOUNDRY } from "../shared/arena/maps.ts";
import { arenaReplayRules } from "../shared/arena/replay.ts";
import { DEFAULT_MAX_PLAYERS } from "../shared/arena/tuning.ts";
import { INPUT_RATE, ticksFromSeconds } from "../shared/constants.ts";
import { REPLAY_FORMAT } from "../shared/replay/format.ts";
import { ReplayRecorder } from "../shared/replay/ReplayRecorder.ts";
import { createRng, randomInt } from "../shared/rng.ts";
import { packageRoot } from "../server/packageRoot.ts";
import { ReplayStore } from "../server/kit/replay/ReplayStore.ts";
import { findChromium, launchBrowser } from "../test/e2e/helpers/chromium.ts";

const tool = {
  usage: "npm run bench:seek -- [options]",
  summary: "Seek times in the browser replay viewer (Chromium) on a bot-played arena match of 16 players and 200 drones.",
  options: {
    minutes: { type: "string", default: "3", help: "length of the generated match, 1 to 30" },
    seeks: { type: "string", default: "25", help: "seeded timeline positions to time, 1 to 200" },
  },
} as const;
const { values: a } = parseCommandLine(tool);
const MINUTES = Number(a.minutes);
const SEEKS = Number(a.seeks);
if (!Number.isInteger(MINUTES) || MINUTES < 1 || MINUTES > 30) usageError(tool, `--minutes must be a whole number from 1 to 30, got "${a.minutes}"`);
if (!Number.isInteger(SEEKS) || SEEKS < 1 || SEEKS > 200) usageError(tool, `--seeks must be a whole number from 1 to 200, got "${a.seeks}"`);

const SEED = 17;
const DRONES = 200;
const MATCH_ID = "bench-seek";
/**
 * Runs in the page (as source: this bench has no DOM types): move the timeline as a person
 * would, time the input handler (the seek), then until the second animation frame after it.
 */
const SEEK_IN_PAGE = `(tick) => new Promise((resolve) => {
  const bar = document.getElementById("replay-timeline");
  const t0 = performance.now();
  bar.value = String(tick);
  bar.dispatchEvent(new Event("input"));
  const handled = performance.now() - t0;
  requestAnimationFrame(() => requestAnimationFrame(() => resolve([handled, performance.now() - t0])));
})`;
const timing = { roundTicks: ticksFromSeconds(180), intermissionTicks: ticksFromSeconds(8) };

// The match: the fill bots' brains in 16 seats, recorded as a room records it.
const match = new BotMatch({ map: FOUNDRY, seed: SEED, timing, drones: DRONES, record: (e) => recorder.append(e) });
const header = { format: REPLAY_FORMAT, matchId: MATCH_ID, roomType: "arena", protocol: 1, rulesVersion: arenaReplayRules.rulesVersion, seed: SEED, setup: { map: FOUNDRY.id, ...timing, drones: DRONES }, startedAt: Date.now() };
const recorder = new ReplayRecorder(header, arenaReplayRules, () => match.game);
match.seat(DEFAULT_MAX_PLAYERS);
const ticks = MINUTES * 60 * INPUT_RATE;
for (let i = 0; i < ticks; i++) match.tick();
// Ended now, or the store's retention would prune it at once.
const log = recorder.finish(header.startedAt + MINUTES * 60_000, null);

const ROOT = packageRoot();
const CLIENT_DIST = join(ROOT, "dist", "client");
const data = mkdtempSync(join(tmpdir(), "skirmish-seek-"));
await new ReplayStore(data, { maxCount: 10, maxAgeDays: 1 }).save(log, ["bot"]);
if (!existsSync(join(CLIENT_DIST, "index.html"))) {
  const built = spawnSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
  if (built.status !== 0) throw new Error("the client did not build (vite build)");
}
const { createServer } = await import("../server/app.ts");
const { loadConfig } = await import("../server/config.ts");
const server = createServer(loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", DATA_DIR: data }));
await server.listen(0, "127.0.0.1");
const url = `http://127.0.0.1:${(server.transport.server!.address() as { port: number }).port}`;
const browser = await launchBrowser(findChromium());
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const opened = performance.now();
  await page.goto(`${url}/replay/${MATCH_ID}`);
  // Downloading, checking and indexing the whole log comes first; a failure shows on the menu.
  await page.waitForFunction(`document.getElementById("replay-timeline") !== null || !/^(Loading|$)/.test(document.getElementById("menu-status")?.textContent ?? "")`, undefined, { timeout: 180_000, polling: 100 });
  const refused = await page.locator("#menu-status").textContent();
  if (!(await page.locator("#replay-timeline").count())) throw new Error(`the viewer did not open the replay: ${refused}`);
  const openMs = performance.now() - opened;
  await page.getByRole("button", { name: "Pause" }).click();
  const rng = createRng(3);
  const handler: number[] = [];
  const drawn: number[] = [];
  const max = log.entries.filter((e) => e[0] === "t").length;
  for (let i = 0; i < SEEKS; i++) {
    const tick = randomInt(rng, max + 1);
    const [sync, frame] = (await page.evaluate(`(${SEEK_IN_PAGE})(${tick})`)) as [number, number];
    handler.push(sync);
    drawn.push(frame);
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((x, y) => x - y);
    return `median ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms, p90 ${s[Math.floor(s.length * 0.9)]!.toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms`;
  };
  console.log(`${MINUTES} min, ${DEFAULT_MAX_PLAYERS} players (bots), ${DRONES} drones: ${max} input ticks, ${log.keyframes.length} keyframes, ${log.entries.length} entries; ${SEEKS} seeded seeks in Chromium`);
  console.log(`  opening the link until the bar shows (download, check, index): ${(openMs / 1000).toFixed(1)} s`);
  console.log(`  the seek (timeline input handler):   ${stats(handler)}`);
  console.log(`  until drawn (second frame after):    ${stats(drawn)}`);
} finally {
  await browser.close();
  await server.gracefullyShutdown(false).catch(() => undefined);
  rmSync(data, { recursive: true, force: true });
}
process.exit(0);
