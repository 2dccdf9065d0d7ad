import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    env: { LOG_LEVEL: "silent" },
    // The hosting tests' Redis (TEST_REDIS_URL, or a throwaway redis-server).
    globalSetup: ["test/helpers/redisSetup.ts"],
  },
});
