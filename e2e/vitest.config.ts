import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser flows against the example shops and the emulator: `npm run test:e2e` at the root. It runs
// the latency measure (latency.test.ts) on its own, after the flows: a figure taken while another
// browser and shop share the machine's two cores measures them, not the kit.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One Chromium per file: Express and Koa run side by side, their flows one after another.
    maxWorkers: 2,
    reporters: ["verbose"],
  },
});
