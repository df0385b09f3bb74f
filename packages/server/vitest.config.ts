import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    // Throwaway PostgreSQL and Redis servers for the run (or the ones CONFAB_TEST_*_URL name).
    globalSetup: ["test/support/services.ts"],
  },
});
