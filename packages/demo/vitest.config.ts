import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The browser test starts one server and two Chromium contexts: no parallel files fighting for 2 cores.
    fileParallelism: false,
  },
});
