import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built package installed in an app that has no better-sqlite3, as a shop on PostgreSQL,
// Redis or memory would be.
let app: string;
beforeAll(() => {
  app = mkdtempSync(join(tmpdir(), "ligdicash-nosqlite-"));
  const target = join(app, "node_modules", "@ligdicash-kit", "server");
  mkdirSync(target, { recursive: true });
  const root = join(import.meta.dirname, "..");
  cpSync(join(root, "dist"), join(target, "dist"), { recursive: true });
  cpSync(join(root, "package.json"), join(target, "package.json"));
  const valibot = dirname(dirname(fileURLToPath(import.meta.resolve("valibot"))));
  symlinkSync(valibot, join(app, "node_modules", "valibot"), "dir");
});
afterAll(() => rmSync(app, { recursive: true, force: true }));

const options = `{ getOrder: () => null, onPaid: () => {}, apiKey: "k", authToken: "t",
  publicUrl: "https://shop.example", logger: false, reconcile: { intervalMs: 0 } }`;

function run(code: string, type: "module" | "commonjs"): string {
  return execFileSync(process.execPath, ["--input-type", type, "-e", code], {
    cwd: app,
    encoding: "utf8",
  });
}

describe("without better-sqlite3 installed", () => {
  for (const type of ["module", "commonjs"] as const) {
    const load =
      type === "module"
        ? `const { MemoryPaymentStore } = await import("@ligdicash-kit/server");
           const { ligdicash } = await import("@ligdicash-kit/server/express");`
        : `const { MemoryPaymentStore } = require("@ligdicash-kit/server");
           const { ligdicash } = require("@ligdicash-kit/server/express");`;

    it(`${type}: the kit loads and runs on another store`, () => {
      const out = run(
        `${load}
         const mw = ligdicash({ ...${options}, storage: new MemoryPaymentStore() });
         console.log(typeof mw);`,
        type,
      );
      expect(out.trim()).toBe("function");
    });

    it(`${type}: the default store says what to install or pass`, () => {
      const out = run(
        `${load}
         try { ligdicash(${options}); } catch (e) { console.log(e.code + ": " + e.message); }`,
        type,
      );
      expect(out).toContain("INVALID_OPTIONS: The SQLite payment store needs the better-sqlite3");
      expect(out).toContain("install better-sqlite3");
      expect(out).toContain("or pass storage:");
    });
  }
});
