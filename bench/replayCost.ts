/**
 * `npm run bench:replay`: what recording a match costs, in one process without sockets. One
 * standard room (16 bot players deciding with the fill bots' BotBrain, 200 drones) plays
 * `--minutes` of match twice with the same seed, once recorded and once not, and the CPU time
 * per input tick of each is compared; the time inside the recorder (append, checksums,
 * keyframes) is also timed on its own. Then the log's size per minute, as JSON and gzip.
 *
 *   npm run bench:replay [-- --minutes 2]
 */
import { gzipSync } from "node:zlib";
import { parseCommandLine, usageError } from "../scripts/cli.ts";
import { encodeTick } from "../shared/arena/ArenaGame.ts";
import { BotMatch } from "../shared/arena/bots/botMatch.ts";
import { FOUNDRY } from "../shared/arena/maps.ts";
import { arenaReplayRules } from "../shared/arena/replay.ts";
import { DEFAULT_MAX_PLAYERS } from "../shared/arena/tuning.ts";
import { INPUT_RATE, ticksFromSeconds } from "../shared/constants.ts";
import { REPLAY_FORMAT, type ReplayEntry, type ReplayLog } from "../shared/replay/format.ts";
import { ReplayRecorder } from "../shared/replay/ReplayRecorder.ts";
import { resimulate, simAt } from "../shared/replay/resimulate.ts";
import { createRng, randomInt } from "../shared/rng.ts";

const tool = {
  usage: "npm run bench:replay -- [options]",
  summary: "CPU cost per tick of recording a 16-player arena match, and the log's bytes per minute.",
  options: { minutes: { type: "string", default: "2", help: "minutes of match to play per run, a whole number from 1 to 60" } },
} as const;
const { values: a } = parseCommandLine(tool);
const MINUTES = Number(a.minutes);
if (!Number.isInteger(MINUTES) || MINUTES < 1 || MINUTES > 60) usageError(tool, `--minutes must be a whole number from 1 to 60, got "${a.minutes}"`);
const { DRONES_PER_ROOM } = await import("./rooms/PlainRoom.ts");

const SEED = 17;
const RUNS = 5;
const TICKS = MINUTES * 60 * INPUT_RATE;
const timing = { roundTicks: ticksFromSeconds(180), intermissionTicks: ticksFromSeconds(8) };

interface Run {
  cpuUsPerTick: number;
  recorderUsPerTick: number;
  log?: ReplayLog;
}

function play(recorded: boolean): Run {
  let recorder: ReplayRecorder<unknown> | undefined;
  let inRecorder = 0n;
  const sink = (e: ReplayEntry) => {
    const t = process.hrtime.bigint();
    recorder!.append(e);
    inRecorder += process.hrtime.bigint() - t;
  };
  const match: BotMatch = new BotMatch({ map: FOUNDRY, seed: SEED, timing, drones: DRONES_PER_ROOM, record: recorded ? sink : undefined });
  const header = { format: REPLAY_FORMAT, matchId: "bench", roomType: "arena", protocol: 1, rulesVersion: arenaReplayRules.rulesVersion, seed: SEED, setup: { map: FOUNDRY.id, ...timing, drones: DRONES_PER_ROOM }, startedAt: 0 };
  if (recorded) recorder = new ReplayRecorder(header, arenaReplayRules, () => match.game);
  match.seat(DEFAULT_MAX_PLAYERS);
  const t0 = process.cpuUsage();
  for (let i = 0; i < TICKS; i++) match.tick();
  const used = process.cpuUsage(t0);
  return {
    cpuUsPerTick: (used.user + used.system) / TICKS,
    recorderUsPerTick: Number(inRecorder) / 1000 / TICKS,
    log: recorder?.finish(MINUTES * 60_000, null),
  };
}

play(true); // warm up the JIT on both paths before timing
play(false);
const runs = { on: [] as Run[], off: [] as Run[] };
for (let i = 0; i < RUNS; i++) {
  runs.on.push(play(true));
  runs.off.push(play(false));
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const on = median(runs.on.map((r) => r.cpuUsPerTick));
const off = median(runs.off.map((r) => r.cpuUsPerTick));
const inside = median(runs.on.map((r) => r.recorderUsPerTick));
const log = runs.on[0]!.log!;
// Encoding a tick's intents (done inside ArenaGame.tick, before the recorder sees it), timed alone on the log's own ticks.
const ticks = log.entries.filter((e) => e[0] === "t").map((e) => {
  const inputs = new Map<string, Array<{ dx: number; dy: number; aim: number; fire: boolean }>>();
  for (let i = 3; i < e.length; i += 5) inputs.set(String(e[i]), [...(inputs.get(String(e[i])) ?? []), { dx: Number(e[i + 1]), dy: Number(e[i + 2]), aim: Number(e[i + 3]), fire: e[i + 4] === 1 }]);
  return inputs;
});
const e0 = process.hrtime.bigint();
for (let r = 0; r < 5; r++) for (const inputs of ticks) encodeTick(inputs, 1 / 60, 2);
const encodeUs = Number(process.hrtime.bigint() - e0) / 1000 / (5 * ticks.length);
const json = JSON.stringify(log);
const gz = gzipSync(json);
const keyframeBytes = JSON.stringify(log.keyframes).length;
const check = resimulate(log, arenaReplayRules);
if (check.mismatches.length > 0) throw new Error(`the bench's own log does not re-simulate: ${JSON.stringify(check.mismatches[0])}`);

// Seeking, as the viewer does it (nearest keyframe, then re-simulate): 25 seeded positions.
const seekRng = createRng(3);
const seeks: number[] = [];
for (let i = 0; i < 25; i++) {
  const at = randomInt(seekRng, log.entries.length + 1);
  const t = process.hrtime.bigint();
  simAt(log, arenaReplayRules, at);
  seeks.push(Number(process.hrtime.bigint() - t) / 1e6);
}

console.log(`${MINUTES} min of a ${DEFAULT_MAX_PLAYERS}-player arena (${DRONES_PER_ROOM} drones, bots), ${TICKS} input ticks, median of ${RUNS} runs each, alternating:\n`);
console.log("| | CPU µs per input tick |");
console.log("|---|---|");
console.log(`| not recorded | ${off.toFixed(1)} |`);
console.log(`| recorded | ${on.toFixed(1)} |`);
console.log(`| difference | ${(on - off).toFixed(1)} (${(((on - off) / off) * 100).toFixed(1)} %) |`);
console.log(`| inside the recorder (append, checksums, keyframes) | ${inside.toFixed(2)} |`);
console.log(`| encoding the tick's intents (timed alone) | ${encodeUs.toFixed(2)} |`);
console.log(`\nlog: ${log.entries.length} entries, ${log.keyframes.length} keyframes, ${log.checksums.length} checksums (all ${check.checked} re-simulated and matched)`);
console.log(`seek (restore the nearest keyframe, re-simulate to the position), 25 positions: median ${median(seeks).toFixed(2)} ms, max ${Math.max(...seeks).toFixed(2)} ms`);
console.log(`bytes per minute: ${(json.length / MINUTES / 1024).toFixed(0)} KiB JSON (keyframes ${(keyframeBytes / MINUTES / 1024).toFixed(0)} KiB of it), ${(gz.length / MINUTES / 1024).toFixed(0)} KiB gzip`);
