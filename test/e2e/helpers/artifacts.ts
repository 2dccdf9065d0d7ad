/** What the browser tests leave in test-results/ (gitignored; CI can keep it). */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { App } from "./app.ts";
import type { Player } from "./Player.ts";

export const RESULTS_DIR = fileURLToPath(new URL("../../../test-results/", import.meta.url));
/** Evidence of failed scenarios, from the last run only. */
const FAILURES_DIR = `${RESULTS_DIR}e2e-failures/`;

/** Forget the failures of an earlier run, so what is there belongs to this one. */
export function clearFailures(): void {
  rmSync(FAILURES_DIR, { recursive: true, force: true });
}

/** A screenshot and the console log of each page, and the server's output. */
export async function saveFailure(scenario: string, players: readonly Player[], app: App | undefined): Promise<void> {
  mkdirSync(FAILURES_DIR, { recursive: true });
  const prefix = `${FAILURES_DIR}${scenario.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
  for (const p of players) {
    // A crashed page cannot be photographed; its log still says why.
    await p.page.screenshot({ path: `${prefix}-${p.name}.png` }).catch((e: unknown) => p.log.push(`[screenshot failed] ${String(e)}`));
    writeFileSync(`${prefix}-${p.name}.log`, p.log.join("\n") + "\n");
  }
  if (app) writeFileSync(`${prefix}-server.log`, app.log.join(""));
}
