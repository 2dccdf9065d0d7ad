import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Vitest global setup: compile the server into dist/server once per run (scripts/build-server.mjs),
 * so every test that starts `node server/start.mjs` runs the code under test as `npm start` would,
 * never a build left over from older code.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync(process.execPath, ["scripts/build-server.mjs"], { cwd: root, stdio: "inherit" });
}
