import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// The published entry points, loaded the way a shop's code loads them: require() and import.
const entries = {
  "@ligdicash-kit/server": [
    "createLigdicash",
    "MemoryPaymentStore",
    "SqlitePaymentStore",
    "LigdicashError",
  ],
  "@ligdicash-kit/server/express": ["ligdicash"],
  "@ligdicash-kit/server/koa": ["ligdicash"],
  "@ligdicash-kit/server/fetch": ["ligdicash"],
  "@ligdicash-kit/server/next": ["ligdicashRoute"],
  "@ligdicash-kit/server/fastify": ["ligdicash", "default"],
  "@ligdicash-kit/server/postgres": ["PostgresPaymentStore"],
  "@ligdicash-kit/server/redis": ["RedisPaymentStore"],
  "@ligdicash-kit/server/testing": ["paymentStoreConformance", "payoutStoreConformance"],
};

function exportsOf(code: string, type: "commonjs" | "module"): string[] {
  const out = execFileSync(process.execPath, ["--input-type", type, "-e", code], {
    cwd: import.meta.dirname,
    encoding: "utf8",
  });
  return JSON.parse(out) as string[];
}

describe("the built package", () => {
  for (const [entry, names] of Object.entries(entries)) {
    it(`${entry} loads from CommonJS and ESM`, () => {
      const cjs = exportsOf(
        `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(entry)}))))`,
        "commonjs",
      );
      const esm = exportsOf(
        `const m = await import(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(m)))`,
        "module",
      );
      for (const name of names) {
        expect(cjs).toContain(name);
        expect(esm).toContain(name);
      }
    });
  }
});
