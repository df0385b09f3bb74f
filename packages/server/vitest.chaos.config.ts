import { defineConfig } from "vitest/config";

/**
 * The reliability suite (`pnpm test:chaos`): chaos with SIGKILLs, fuzzing and a held load. Kept
 * apart from `vitest.config.ts` so the normal test run stays fast; its files end in `.chaos.ts`.
 * The runs go one after another: each loads the machine on its own.
 */
export default defineConfig({
  test: {
    include: ["test/chaos/**/*.chaos.ts"],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 60_000,
  },
});
