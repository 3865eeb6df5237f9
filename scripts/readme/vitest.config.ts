import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The READMEs' TypeScript snippets, against the built packages: `npm run test:docs` at the root.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["*.test.ts"],
    testTimeout: 120_000,
  },
});
