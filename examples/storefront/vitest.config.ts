import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.tsx", "src/**/*.test.ts"],
    environment: "jsdom",
    setupFiles: ["src/testing/setup.ts"],
    restoreMocks: true,
    unstubGlobals: true,
    // jsdom and user-event are slow on a loaded 2-core CI machine; the default 5 s is too tight.
    testTimeout: 20_000,
  },
});
