/** What the browser tests leave in test-results/ (gitignored; CI can keep it). */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { App } from "./app.ts";
import type { Player } from "./Player.ts";

export const RESULTS_DIR = fileURLToPath(new URL("../../../test-results/", import.meta.url));
/** Evidence of failed scenarios, one folder per test file, from that file's last run only. */
const FAILURES_DIR = `${RESULTS_DIR}e2e-failures/`;

/**
 * Forget the failures of an earlier run of test file `suite`, so what is there belongs to this
 * one. Per file: test files run side by side, and one must not wipe what another just saved.
 */
export function clearFailures(suite: string): void {
  rmSync(`${FAILURES_DIR}${suite}/`, { recursive: true, force: true });
}

/** A screenshot and the console log of each page, and the server's output. */
export async function saveFailure(suite: string, scenario: string, players: readonly Player[], app: App | undefined): Promise<void> {
  const dir = `${FAILURES_DIR}${suite}/`;
  mkdirSync(dir, { recursive: true });
  const prefix = `${dir}${scenario.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
  for (const p of players) {
    // A crashed page cannot be photographed; its log still says why.
    await p.page.screenshot({ path: `${prefix}-${p.name}.png` }).catch((e: unknown) => p.log.push(`[screenshot failed] ${String(e)}`));
    writeFileSync(`${prefix}-${p.name}.log`, p.log.join("\n") + "\n");
  }
  if (app) writeFileSync(`${prefix}-server.log`, app.log.join(""));
}
