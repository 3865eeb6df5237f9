// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const css = readFileSync(new URL("../styles.css", import.meta.url), "utf8");
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: Record<string, unknown>;
  files: string[];
  sideEffects: unknown;
};
// The selector of every rule: what comes before each "{", comments left out.
const selectors = css
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .split("{")
  .slice(0, -1)
  .map((chunk) => chunk.slice(Math.max(chunk.lastIndexOf("}"), chunk.lastIndexOf(";")) + 1).trim())
  .filter(
    (selector) => selector && !selector.startsWith("@") && !/^(to|from|\d+%)$/.test(selector),
  );

describe("styles.css", () => {
  it("is published as @ligdicash-kit/react/styles.css, and kept by bundlers", () => {
    expect(pkg.exports["./styles.css"]).toBe("./styles.css");
    expect(pkg.files).toContain("styles.css");
    expect(pkg.sideEffects).toEqual(["*.css"]);
  });

  it("styles only the kit's elements, with no specificity for the shop to fight", () => {
    expect(selectors.length).toBeGreaterThan(10);
    for (const selector of selectors) {
      expect(selector).toMatch(/^:where\(/);
      expect(selector === ":where(:root)" || selector.includes("[data-ligdicash")).toBe(true);
    }
  });

  it("is themed by --ligdicash-* variables only, each with a default", () => {
    const used = new Set([...css.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]));
    const defined = new Set([...css.matchAll(/(--[\w-]+):/g)].map((m) => m[1]));
    expect([...used].every((name) => name?.startsWith("--ligdicash-"))).toBe(true);
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
    for (const name of ["accent", "ok", "danger", "radius"]) {
      expect(defined.has(`--ligdicash-${name}`)).toBe(true);
    }
  });

  it("is never loaded by the components themselves: unstyled is the default", () => {
    const sources = readdirSync(new URL(".", import.meta.url)).filter((f) => /\.tsx?$/.test(f));
    for (const file of sources.filter((f) => !f.includes(".test.") && !f.includes(".stories."))) {
      expect(readFileSync(new URL(file, import.meta.url), "utf8")).not.toMatch(/\.css["']/);
    }
  });
});
