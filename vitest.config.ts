import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    env: { LOG_LEVEL: "silent" },
    // The services the tests need (Redis), started on free ports and stopped at the end;
    // and the compiled server that `node server/start.mjs` runs (test/helpers/serverBuild.ts).
    globalSetup: ["test/helpers/servicesSetup.ts", "test/helpers/serverBuild.ts"],
  },
});
