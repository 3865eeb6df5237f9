// @vitest-environment node
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Next.js App Router: a server component that imports PayButton or ReturnPage needs the package's
// files to be client modules, or the build fails ("createContext only works in Client Components").
describe("the built files a shop installs", () => {
  for (const file of ["index.js", "watch.js"]) {
    it(`dist/${file} starts with "use client"`, () => {
      const code = readFileSync(fileURLToPath(new URL(`../dist/${file}`, import.meta.url)), "utf8");
      expect(code.startsWith('"use client";')).toBe(true);
    });
  }
});
