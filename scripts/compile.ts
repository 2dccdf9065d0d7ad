/**
 * Compile one emit config with the project's TypeScript into a folder it owns. The folder is
 * emptied first, so a module deleted from the source cannot linger in the build. Used by
 * `npm run build:server`, the tests' global setup and the benchmark's compiled server.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// TypeScript exports only its package.json; its bin sits beside it.
const TSC = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");

/** `tsc -p <config>` from the repository root into `outDir` (relative to the root); false if it did not compile. */
export function compile(config: string, outDir: string): boolean {
  rmSync(join(ROOT, outDir), { recursive: true, force: true });
  return spawnSync(process.execPath, [TSC, "-p", config], { cwd: ROOT, stdio: "inherit" }).status === 0;
}
