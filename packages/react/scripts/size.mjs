// Size budget: the public entry (PayButton, ReturnPage, provider, hooks, both locales) bundled,
// minified and gzipped the way a shop ships it, React left out as the shop already has it.
import { build } from "esbuild";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET = 3072;
const result = await build({
  entryPoints: [fileURLToPath(new globalThis.URL("../src/index.ts", import.meta.url))],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  jsx: "automatic",
  external: ["react", "react-dom", "react/jsx-runtime"],
  write: false,
});
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
process.stdout.write(
  `@ligdicash-kit/react: ${code.length} B minified, ${gzipped} B min+gzip (budget ${BUDGET} B)\n`,
);
if (gzipped > BUDGET) {
  process.stderr.write(`Over the size budget by ${gzipped - BUDGET} B.\n`);
  process.exitCode = 1;
}
