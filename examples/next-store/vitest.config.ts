import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each shop is a `next start` process: a few seconds to come up on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
