import { randomInt as cryptoInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BotMatch } from "../../shared/arena/bots/botMatch.ts";
import { FOUNDRY } from "../../shared/arena/maps.ts";
import { arenaReplayRules } from "../../shared/arena/replay.ts";
import { Connect4Game } from "../../shared/connect4/Connect4Game.ts";
import { Disc, legalColumns, type Colour } from "../../shared/connect4/board.ts";
import { connect4ReplayRules } from "../../shared/connect4/replay.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";
import { REPLAY_FORMAT, type ReplayLog } from "../../shared/replay/format.ts";
import { ReplayRecorder } from "../../shared/replay/ReplayRecorder.ts";
import { resimulate, rulesFor, simAt } from "../../shared/replay/resimulate.ts";
import { REPLAY_RULES } from "../../shared/replay/rulesTable.ts";
import { ReplayErrorCode, type ReplayRules } from "../../shared/replay/rules.ts";
import { createRng, randomInt } from "../../shared/rng.ts";

/** Seeds that run on every `npm test`; add any seed that ever fails here, with a note. */
const PINNED = [1, 7, 42, 1234, 0x7fffffff];
/** Two fresh seeds per run, printed on failure so a failing run can be pinned. */
const FRESH = [cryptoInt(2 ** 31), cryptoInt(2 ** 31)];
const SEEDS = [...PINNED, ...FRESH];

const header = (roomType: string, rulesVersion: number, seed: number, setup: ReplayLog["header"]["setup"]) => ({
  format: REPLAY_FORMAT,
  matchId: `m${seed}`,
  roomType,
  protocol: PROTOCOL_VERSION,
  rulesVersion,
  seed,
  setup,
  startedAt: 0,
});

/** A bot arena match of `ticks` input ticks with players joining and leaving, rounds rolling over. */
function recordArena(seed: number, ticks = 900, lagCapTicks = 0): { log: ReplayLog; live: number } {
  const timing = { roundTicks: 600, intermissionTicks: 90 };
  const setup = { map: FOUNDRY.id, ...timing, drones: 12, lagCapTicks };
  const match: BotMatch = new BotMatch({ map: FOUNDRY, seed, timing, drones: 12, churn: 0.02, lagCapTicks, record: (e) => recorder.append(e) });
  const recorder = new ReplayRecorder(header("arena", arenaReplayRules.rulesVersion, seed, setup), arenaReplayRules, () => match.game);
  match.seat(6);
  for (let i = 0; i < ticks; i++) match.tick();
  const log = recorder.finish(1, null);
  return { log: JSON.parse(JSON.stringify(log)) as ReplayLog, live: arenaReplayRules.checksum(match.game) };
}

/** Connect Four games with seeded legal moves, forfeits now and then, and rematches. */
function recordConnect4(seed: number, games = 6): { log: ReplayLog; live: number } {
  const rng = createRng(seed);
  const game: Connect4Game = new Connect4Game((e) => recorder.append(e));
  const recorder = new ReplayRecorder(header("connect4", connect4ReplayRules.rulesVersion, seed, {}), connect4ReplayRules, () => game);
  for (let g = 0; g < games; g++) {
    game.start();
    while (game.status === "playing") {
      if (rng.next() < 0.01) game.forfeit(rng.next() < 0.5 ? Disc.Red : Disc.Yellow);
      else {
        const columns = legalColumns(game.board);
        game.play(game.turn as Colour, columns[randomInt(rng, columns.length)]!);
      }
    }
  }
  const log = recorder.finish(1, null);
  return { log: JSON.parse(JSON.stringify(log)) as ReplayLog, live: connect4ReplayRules.checksum(game) };
}

function expectReplays<Sim>(label: string, seed: number, { log, live }: { log: ReplayLog; live: number }, rules: ReplayRules<Sim>): void {
  const why = `${label} seed ${seed} (pin it in PINNED if this fails)`;
  const full = resimulate(log, rules);
  expect(full.mismatches, why).toEqual([]);
  expect(full.checked, why).toBe(log.checksums.length);
  expect(rules.checksum(full.sim), why).toBe(live);
  expect(log.keyframes.length, why).toBeGreaterThan(1);
  // From a keyframe in the middle and from the last one: the checksums after each still match.
  for (const from of [Math.floor(log.keyframes.length / 2), log.keyframes.length - 1]) {
    const part = resimulate(log, rules, { from });
    expect(part.mismatches, `${why}, from keyframe ${from}`).toEqual([]);
    expect(part.checked, `${why}, from keyframe ${from}`).toBeGreaterThan(0);
    expect(rules.checksum(part.sim), `${why}, from keyframe ${from}`).toBe(live);
  }
  // Seeking lands on the same world as playing there from the start.
  const mid = Math.floor(log.entries.length * 0.6);
  expect(rules.checksum(simAt(log, rules, mid)), why).toBe(rules.checksum(resimulate(log, rules, { to: mid }).sim));
}

describe("replay determinism", () => {
  it.each(SEEDS)("an arena bot match re-simulates bit for bit from the start and from keyframes (seed %i)", (seed) => {
    const recorded = recordArena(seed);
    expect(recorded.log.entries.some((e) => e[0] === "@round"), `seed ${seed}`).toBe(true);
    expect(recorded.log.entries.some((e) => e[0] === "l"), `seed ${seed}`).toBe(true);
    expectReplays("arena", seed, recorded, arenaReplayRules);
  });

  it.each(SEEDS)("an arena match with lag-compensated shots re-simulates bit for bit, keyframes included (seed %i)", (seed) => {
    const recorded = recordArena(seed, 900, 15);
    // Shots were rewound: some intent saw a tick in the past, and the keyframes carry the trails.
    expect(recorded.log.entries.some((e) => e[0] === "t" && e.length > 8 && typeof e[8] === "number" && e[8] > 0), `seed ${seed}`).toBe(true);
    expectReplays("arena (lag compensation)", seed, recorded, arenaReplayRules);
  });

  it.each(SEEDS)("Connect Four games re-simulate bit for bit (seed %i)", (seed) => {
    expectReplays("connect4", seed, recordConnect4(seed), connect4ReplayRules);
  });

  it("catches a log that differs from what was played: one changed move is a checksum mismatch", () => {
    const { log } = recordArena(PINNED[0]!, 120);
    const i = log.entries.findIndex((e) => e[0] === "t" && e.length > 3);
    const tick = [...log.entries[i]!] as [string, ...Array<string | number>];
    tick[4] = tick[4] === 1 ? -1 : 1; // the first intent's dx
    log.entries[i] = tick;
    const { mismatches } = resimulate(log, arenaReplayRules);
    expect(mismatches.length).toBeGreaterThan(0);
    expect(mismatches[0]!.at).toBeGreaterThan(i);
  });

  it("refuses a log of another rules version, format or room type with a clear message", () => {
    const { log } = recordConnect4(PINNED[0]!, 1);
    expect(rulesFor(log, REPLAY_RULES)).toBe(connect4ReplayRules);
    const other = { ...log, header: { ...log.header, rulesVersion: connect4ReplayRules.rulesVersion + 1 } };
    expect(() => rulesFor(other, REPLAY_RULES)).toThrow(expect.objectContaining({ code: ReplayErrorCode.RulesVersion, message: expect.stringContaining(`connect4 rules version ${connect4ReplayRules.rulesVersion + 1}`) }));
    expect(() => rulesFor({ ...log, header: { ...log.header, format: REPLAY_FORMAT + 1 } }, REPLAY_RULES)).toThrow(expect.objectContaining({ code: ReplayErrorCode.Format }));
    expect(() => rulesFor({ ...log, header: { ...log.header, roomType: "chess" } }, REPLAY_RULES)).toThrow(expect.objectContaining({ code: ReplayErrorCode.UnknownRoomType, message: expect.stringContaining('"chess"') }));
  });

  it("refuses to seek before the start or past the end", () => {
    const { log } = recordConnect4(PINNED[1]!, 1);
    expect(() => resimulate(log, connect4ReplayRules, { to: log.entries.length + 1 })).toThrow(expect.objectContaining({ code: ReplayErrorCode.OutOfRange }));
    expect(() => simAt(log, connect4ReplayRules, -1)).toThrow(expect.objectContaining({ code: ReplayErrorCode.OutOfRange }));
  });

  it("a recording stopped early (the time cap) ends there, marked truncated, and still re-simulates", () => {
    const game: Connect4Game = new Connect4Game((e) => recorder.append(e));
    const recorder = new ReplayRecorder(header("connect4", 1, 3, {}), connect4ReplayRules, () => game);
    game.start();
    game.play(Disc.Red, 3);
    recorder.stop();
    game.play(Disc.Yellow, 3);
    const log = recorder.finish(5, null);
    expect(log.end).toMatchObject({ truncated: true, durationMs: 5 });
    expect(log.entries).toEqual([["s"], ["p", 1, 3]]);
    expect(resimulate(log, connect4ReplayRules).mismatches).toEqual([]);
  });

  it("a snapshot of a running recording (a round's end) re-simulates, and leaves the recording as it was", () => {
    const timing = { roundTicks: 600, intermissionTicks: 90 };
    const setup = { map: FOUNDRY.id, ...timing, drones: 12, lagCapTicks: 0 };
    const run = (snapshotAt?: number) => {
      let snap: ReplayLog | undefined;
      let live = 0;
      const match: BotMatch = new BotMatch({ map: FOUNDRY, seed: 42, timing, drones: 12, churn: 0.02, lagCapTicks: 0, record: (e) => recorder.append(e) });
      const recorder = new ReplayRecorder(header("arena", arenaReplayRules.rulesVersion, 42, setup), arenaReplayRules, () => match.game);
      match.seat(6);
      for (let i = 0; i < 500; i++) {
        match.tick();
        if (i === snapshotAt) {
          snap = JSON.parse(JSON.stringify(recorder.snapshot(1, null))) as ReplayLog;
          live = arenaReplayRules.checksum(match.game);
        }
      }
      return { snap, live, log: JSON.parse(JSON.stringify(recorder.finish(2, null))) as ReplayLog };
    };
    const { snap, live, log } = run(250);
    const { mismatches, checked } = resimulate(snap!, arenaReplayRules);
    expect(mismatches).toEqual([]);
    expect(checked).toBe(snap!.checksums.length);
    expect(snap!.checksums.at(-1)).toEqual([snap!.entries.length, live]);
    expect(snap!.entries.length).toBeLessThan(log.entries.length);
    // The recording went on as if no snapshot had been taken.
    expect(log).toEqual(run().log);
  });

  it("reads a malformed command as a named error, not a wrong match", () => {
    const game = arenaReplayRules.create(header("arena", 1, 1, { map: FOUNDRY.id, roundTicks: 10, intermissionTicks: 10, drones: 0 }));
    expect(() => arenaReplayRules.apply(game, ["t", 0.01, 2, "p1", 1])).toThrow(expect.objectContaining({ code: ReplayErrorCode.BadEntry }));
    expect(() => arenaReplayRules.apply(game, ["x"])).toThrow(expect.objectContaining({ code: ReplayErrorCode.BadEntry }));
  });
});
