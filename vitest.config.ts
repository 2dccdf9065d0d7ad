import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    env: { LOG_LEVEL: "silent" },
    // The hosting tests' Redis (TEST_REDIS_URL, or a throwaway redis-server).
    // And the compiled server that `node server/start.mjs` runs (test/helpers/serverBuild.ts).
    globalSetup: ["test/helpers/redisSetup.ts", "test/helpers/serverBuild.ts"],
  },
});
