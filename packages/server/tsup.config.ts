import { defineConfig } from "tsup";

export default defineConfig({
  entry: [
    "src/index.ts",
    "src/express.ts",
    "src/koa.ts",
    "src/fetch.ts",
    "src/next.ts",
    "src/fastify.ts",
    "src/postgres.ts",
    "src/redis.ts",
    "src/testing.ts",
    "src/cli.ts",
  ],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  splitting: true,
  // import.meta.url in the CommonJS build (the SQLite store loads better-sqlite3 lazily).
  shims: true,
});
