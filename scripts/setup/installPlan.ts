/**
 * The pure decision of what `npm test` does about missing system packages: nothing, install
 * them (as root, or through `sudo -n`), or stop with the command for a person to run.
 */
import type { SystemNeed } from "./systemNeeds.ts";

export interface Situation {
  /** The needs not found on this machine. */
  missing: readonly SystemNeed[];
  /** Running as uid 0. */
  isRoot: boolean;
  /** `sudo -n true` succeeds (sudo is there and needs no password). */
  sudoWorks: boolean;
  /** apt-get is on this machine (Debian, Ubuntu). */
  hasApt: boolean;
}

/** One command, as argv. */
export type Command = readonly string[];

export type InstallPlan =
  | { kind: "ready" }
  /** Run these in order; each must exit 0. */
  | { kind: "install"; commands: readonly Command[]; packages: readonly string[] }
  /** Cannot install from here: print `manual` and stop before any test. */
  | { kind: "stop"; packages: readonly string[]; manual: string; reason: string };

const APT_ENV = "DEBIAN_FRONTEND=noninteractive";

/** apt-get update once, then every missing package in one apt-get install. */
function aptCommands(packages: readonly string[], prefix: readonly string[]): Command[] {
  return [
    [...prefix, "apt-get", "update", "-qq"],
    // `env` carries the variable through sudo, which resets the environment.
    [...prefix, "env", APT_ENV, "apt-get", "install", "-y", "-qq", ...packages],
  ];
}

export function planInstall(s: Situation): InstallPlan {
  if (s.missing.length === 0) return { kind: "ready" };
  // One package may provide several binaries; install it once.
  const packages = [...new Set(s.missing.map((n) => n.aptPackage))];
  const manual = `sudo apt-get update && sudo apt-get install -y ${packages.join(" ")}`;
  if (!s.hasApt) return { kind: "stop", packages, manual, reason: "there is no apt-get on this machine; install the equivalent packages with its package manager" };
  if (s.isRoot) return { kind: "install", commands: aptCommands(packages, []), packages };
  if (s.sudoWorks) return { kind: "install", commands: aptCommands(packages, ["sudo", "-n"]), packages };
  return { kind: "stop", packages, manual, reason: "this user is not root, and `sudo -n true` does not work here (no sudo, or it asks for a password)" };
}

/** A command as a shell line, for printing. */
export const shellLine = (c: Command): string => c.join(" ");
