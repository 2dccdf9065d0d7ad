/**
 * Play a tick log back through its room type's rules: from the start or from a keyframe,
 * to a position or to the end, checking every checksum on the way. The determinism test,
 * the server's integrity check and the viewer's seek all go through here.
 */
import { isNote, REPLAY_FORMAT, type ReplayLog } from "./format.ts";
import { ReplayError, ReplayErrorCode, type ReplayRules } from "./rules.ts";

export interface Mismatch {
  at: number;
  expected: number;
  actual: number;
}

/** The log's rules, or a ReplayError saying plainly why this build cannot play it. */
export function rulesFor(log: ReplayLog, table: Readonly<Record<string, ReplayRules<unknown>>>): ReplayRules<unknown> {
  const h = log.header;
  if (h.format !== REPLAY_FORMAT) throw new ReplayError(ReplayErrorCode.Format, `this replay has log format ${h.format}; this build reads format ${REPLAY_FORMAT}`);
  const rules = Object.hasOwn(table, h.roomType) ? table[h.roomType] : undefined;
  if (!rules) throw new ReplayError(ReplayErrorCode.UnknownRoomType, `this build has no room type "${h.roomType}" to replay`);
  if (h.rulesVersion !== rules.rulesVersion) {
    throw new ReplayError(ReplayErrorCode.RulesVersion, `this replay was recorded with ${h.roomType} rules version ${h.rulesVersion}; this build plays version ${rules.rulesVersion}, so it would show a different match`);
  }
  return rules;
}

/** The nearest keyframe at or before `at` (undefined: start from the header). */
export function keyframeBefore(log: ReplayLog, at: number) {
  let best: ReplayLog["keyframes"][number] | undefined;
  for (const k of log.keyframes) if (k.at <= at && (!best || k.at > best.at)) best = k;
  return best;
}

/**
 * The simulation after `to` entries (default: all), starting from keyframe `from` (an index
 * into log.keyframes) or the start; every checksum passed on the way is compared.
 */
export function resimulate<Sim>(log: ReplayLog, rules: ReplayRules<Sim>, opts: { from?: number; to?: number } = {}): { sim: Sim; mismatches: Mismatch[]; checked: number } {
  const to = opts.to ?? log.entries.length;
  if (!Number.isInteger(to) || to < 0 || to > log.entries.length) throw new ReplayError(ReplayErrorCode.OutOfRange, `position ${to} is outside this replay (0 to ${log.entries.length})`);
  const key = opts.from === undefined ? undefined : log.keyframes[opts.from];
  if (opts.from !== undefined && !key) throw new ReplayError(ReplayErrorCode.OutOfRange, `this replay has no keyframe ${opts.from}`);
  if (key && key.at > to) throw new ReplayError(ReplayErrorCode.OutOfRange, `keyframe ${opts.from} is after position ${to}`);
  let at = key?.at ?? 0;
  const sim = key ? rules.restore(log.header, key.state) : rules.create(log.header);
  const expected = new Map(log.checksums);
  const mismatches: Mismatch[] = [];
  let checked = 0;
  const check = () => {
    const want = expected.get(at);
    if (want === undefined) return;
    checked++;
    const actual = rules.checksum(sim);
    if (actual !== want) mismatches.push({ at, expected: want, actual });
  };
  check();
  while (at < to) {
    const entry = log.entries[at++]!;
    if (!isNote(entry)) rules.apply(sim, entry);
    check();
  }
  return { sim, mismatches, checked };
}

/** The simulation at entry `at`, from the nearest keyframe: how a viewer seeks. */
export function simAt<Sim>(log: ReplayLog, rules: ReplayRules<Sim>, at: number): Sim {
  const key = keyframeBefore(log, at);
  return resimulate(log, rules, { from: key ? log.keyframes.indexOf(key) : undefined, to: at }).sim;
}
