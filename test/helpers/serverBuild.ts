import { compile } from "../../scripts/compile.ts";

/**
 * Vitest global setup: compile the server into dist/server once per run, as `npm run build`
 * does, so every test that starts `node server/start.mjs` runs the code under test, never a
 * build left over from older code.
 */
export default function setup(): void {
  if (!compile("server/tsconfig.build.json", "dist/server")) throw new Error("the server did not compile (server/tsconfig.build.json)");
}
