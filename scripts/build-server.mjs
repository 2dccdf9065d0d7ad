// `npm run build:server`: compile the server (and the shared code it imports) to JavaScript in
// dist/server, which `npm start` and `npm run serve` run. The folder is emptied first, so a
// module deleted from the source cannot linger in the build. The tests build it the same way
// (test/helpers/serverBuild.ts), so the server processes they start run what `npm start` runs.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// TypeScript exports only its package.json; its bin sits beside it.
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
rmSync(new URL("../dist/server", import.meta.url), { recursive: true, force: true });
const built = spawnSync(process.execPath, [tsc, "-p", "server/tsconfig.build.json"], { cwd: root, stdio: "inherit" });
process.exit(built.status ?? 1);
