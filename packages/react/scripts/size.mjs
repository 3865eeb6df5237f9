// Size check: the public entry (PayButton, ReturnPage, provider, hooks, both locales) bundled,
// minified and gzipped the way a shop ships it, React left out as the shop already has it.
// CI fails above LIMIT: the smallest this feature set has reached, rounded up to 50 B, so any
// growth is caught. The 3072 B budget is not met; README "Size" says where the bytes go.
import { build } from "esbuild";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const TARGET = 3072;
const LIMIT = 3600;

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
const versusTarget = gzipped <= TARGET ? "within" : `${gzipped - TARGET} B over`;
process.stdout.write(
  `@ligdicash-kit/react: ${code.length} B minified, ${gzipped} B min+gzip ` +
    `(target ${TARGET} B: ${versusTarget}; CI limit ${LIMIT} B)\n`,
);
if (gzipped > LIMIT) {
  process.stderr.write(`Over the CI size limit by ${gzipped - LIMIT} B.\n`);
  process.exitCode = 1;
}
