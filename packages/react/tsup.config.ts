import { readFile, writeFile } from "node:fs/promises";
import { defineConfig } from "tsup";

const USE_CLIENT = '"use client";';

export default defineConfig({
  // The popup watch is an entry of its own, loaded by `import("./watch.js")` on demand.
  entry: ["src/index.ts", "src/watch.ts"],
  splitting: false,
  format: ["esm"],
  // Shops import types from the main entry only.
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  // Client modules for React Server Components (Next.js App Router): a server component may
  // import PayButton or ReturnPage directly. Put on the first line, so that the source maps stay right.
  async onSuccess() {
    for (const file of ["dist/index.js", "dist/watch.js"]) {
      const code = await readFile(file, "utf8");
      if (!code.startsWith(USE_CLIENT)) await writeFile(file, USE_CLIENT + code);
    }
  },
  // Rollup over esbuild's output: one import statement per module, as shops' bundlers expect.
  treeshake: true,
  target: "es2022",
  // Peers stay imports: the shop's own React is the only one on the page.
  external: ["react", "react-dom", "react/jsx-runtime", "./watch.js"],
  esbuildOptions(options) {
    // createElement calls are shorter than the automatic runtime's (no `children` key, one
    // import); same elements, for React 18 and 19.
    delete options.tsconfig;
    options.tsconfigRaw = {
      compilerOptions: {
        jsx: "react",
        jsxFactory: "createElement",
        jsxFragmentFactory: "Fragment",
      },
    };
    options.inject = ["scripts/jsx.js"];
    // Property names outlive minification; these are the status watch's, never seen by a shop.
    // Named here, so that index.js and watch.js (which the watch is handed to) agree. Only
    // names no DOM or React object the code touches has: `get`, `state` or `error` would not do.
    options.mangleProps = /^(config|subscribe|wake)$/;
    options.mangleCache = { config: "c", subscribe: "s", wake: "w" };
  },
});
