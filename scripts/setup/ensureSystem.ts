/**
 * Before any test: find every system need, install the missing ones when this machine lets us,
 * and say what was done and why. Returns false (after printing the command to run) when a need
 * is missing and cannot be installed here. SKIRMISH_SETUP_DRY_RUN=1 prints what it would run
 * and installs nothing.
 */
import { spawnSync } from "node:child_process";
import { planInstall, shellLine, type InstallPlan } from "./installPlan.ts";
import { SYSTEM_NEEDS, findNeed, type SystemNeed } from "./systemNeeds.ts";

export interface EnsureOptions {
  pathEnv?: string;
  dryRun?: boolean;
  log?: (line: string) => void;
}

/** Exit status of a command, quietly; 127 when it cannot be started at all. */
const quietStatus = (cmd: string, args: string[], pathEnv: string): number =>
  spawnSync(cmd, args, { stdio: "ignore", env: { ...process.env, PATH: pathEnv } }).status ?? 127;

const missingOf = (pathEnv: string): SystemNeed[] => SYSTEM_NEEDS.filter((n) => findNeed(n, pathEnv) === undefined);

export function ensureSystem(o: EnsureOptions = {}): boolean {
  const pathEnv = o.pathEnv ?? process.env.PATH ?? "";
  const log = o.log ?? ((line: string) => console.log(line));
  const missing = missingOf(pathEnv);
  // Everything present is the common case: a few file checks, no processes started.
  if (missing.length === 0) return true;

  const isRoot = process.getuid?.() === 0;
  const hasApt = findNeed({ binary: "apt-get", aptPackage: "apt", why: "" }, pathEnv) !== undefined;
  const sudoWorks = !isRoot && quietStatus("sudo", ["-n", "true"], pathEnv) === 0;
  const plan: InstallPlan = planInstall({ missing, isRoot, sudoWorks, hasApt });
  const what = missing.map((n) => `${n.binary} (${n.why})`).join(", ");

  if (plan.kind === "ready") return true;
  if (plan.kind === "stop") {
    log(`npm test needs ${what}, and cannot install ${plan.packages.join(" ")}: ${plan.reason}.`);
    log(`Run this, then npm test again:\n  ${plan.manual}`);
    return false;
  }
  log(`npm test: installing ${plan.packages.join(" ")} with apt-get, because it is missing: ${what}.`);
  for (const c of plan.commands) {
    if (o.dryRun) {
      log(`  (dry run) would run: ${shellLine(c)}`);
      continue;
    }
    log(`  $ ${shellLine(c)}`);
    const r = spawnSync(c[0]!, c.slice(1), { stdio: "inherit", env: { ...process.env, PATH: pathEnv } });
    if (r.status !== 0) {
      log(`npm test: "${shellLine(c)}" failed (exit ${r.status ?? r.signal}); install ${plan.packages.join(" ")} yourself and run npm test again.`);
      return false;
    }
  }
  if (o.dryRun) return true; // it could install; the caller runs no tests in a dry run
  const still = missingOf(pathEnv);
  if (still.length > 0) {
    log(`npm test: apt-get finished but ${still.map((n) => n.binary).join(", ")} is still not found (looked on PATH${still.some((n) => n.dirs) ? " and in its own directories" : ""}).`);
    return false;
  }
  return true;
}
