import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    // Browser behaviour by default; the server-render test opts into "node" in its docblock.
    environment: "jsdom",
    setupFiles: ["src/testing/setup.ts"],
    restoreMocks: true,
    clearMocks: true,
    unstubGlobals: true,
    // The React major these tests must run against (vitest.react18.config.ts runs them on 18).
    env: { REACT_MAJOR: "19" },
    // jsdom renders are slow on a loaded 2-core CI machine; the default 5 s is too tight.
    testTimeout: 20_000,
  },
});
