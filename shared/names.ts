/**
 * Names on screen that players could mistake for someone else: names the system speaks
 * under, and two seats of one room called the same. Shared so the menu can pre-check.
 */
import { MAX_NAME_LENGTH } from "./constants.ts";

/** Names a player may not take, compared ignoring case, spaces, `_` and `-`. */
export const RESERVED_NAMES: readonly string[] = ["system", "server", "admin", "administrator", "moderator", "mod", "skirmish"];

const fold = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, "");

/** Why a (valid) name may not be used, or undefined. @example reservedNameProblem("Sys tem") */
export function reservedNameProblem(name: string): string | undefined {
  return RESERVED_NAMES.includes(fold(name)) ? `the name "${name}" is reserved; choose another` : undefined;
}

/**
 * The name a joiner is seated under: their own, or, when a seat of the room already has it
 * (ignoring case), the same name with the lowest free number, still at most MAX_NAME_LENGTH.
 * @example seatName("alice", ["Alice"]) // "alice 2"
 */
export function seatName(wanted: string, taken: Iterable<string>): string {
  const used = new Set<string>();
  for (const t of taken) used.add(t.toLowerCase());
  if (!used.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const candidate = `${wanted.slice(0, MAX_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
