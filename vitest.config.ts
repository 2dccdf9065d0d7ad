import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    // DATA_DIR: servers the tests spawn keep their replays out of the checkout (in-process ones get their own, testServer.ts).
    env: { LOG_LEVEL: "silent", DATA_DIR: join(tmpdir(), `skirmish-test-data-${process.pid}`) },
    // The services the tests need (Redis), started on free ports and stopped at the end;
    // and the compiled server that `node server/start.mjs` runs (test/helpers/serverBuild.ts).
    globalSetup: ["test/helpers/servicesSetup.ts", "test/helpers/serverBuild.ts"],
  },
});
