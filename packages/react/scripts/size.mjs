// Size check on the built dist/ a shop bundles: each typical import bundled with esbuild, code
// split as shop bundlers do (popup mode loads on demand), minified for production
// (process.env.NODE_ENV = "production"), gzipped, React left out as the shop already has it.
// "initial" is what a page that imports it loads; "on demand" is fetched by the first payment in
// a popup or a new tab. CI fails when PayButton + ReturnPage + LigdicashProvider go over BUDGET.
import { build } from "esbuild";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Buffer } from "node:buffer";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET = 3072;
const dist = fileURLToPath(new globalThis.URL("../dist/", import.meta.url));
if (!existsSync(join(dist, "index.js"))) {
  process.stderr.write("dist/index.js is missing: run `npm run build` first.\n");
  process.exit(1);
}

const imports = [
  ["PayButton, ReturnPage, LigdicashProvider", "", BUDGET],
  ["PayButton, LigdicashProvider"],
  ["ReturnPage, LigdicashProvider"],
  ["usePay, usePaymentStatus"],
  ["*"],
];

async function measure(names, file = "index.js") {
  const from = JSON.stringify(join(dist, file));
  const outdir = mkdtempSync(join(tmpdir(), "ligdicash-size-"));
  try {
    const result = await build({
      stdin: {
        contents: names === "*" ? `export * from ${from};` : `export { ${names} } from ${from};`,
        resolveDir: dist,
        sourcefile: "entry.js",
        loader: "js",
      },
      bundle: true,
      splitting: true,
      outdir,
      minify: true,
      format: "esm",
      target: "es2022",
      define: { "process.env.NODE_ENV": '"production"' },
      external: ["react", "react-dom", "react/jsx-runtime"],
      metafile: true,
      write: false,
    });
    const files = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
    const outputs = result.metafile.outputs;
    // Rollup (Vite) puts what the page loads at once in one chunk: measured as one stream.
    const size = (paths) => {
      const code = Buffer.concat(paths.map((path) => files.get(resolve(path))));
      return [code.length, gzipSync(code, { level: 9 }).length];
    };
    // The entry and what it imports statically load with the page; dynamic imports wait.
    const initial = new Set();
    const visit = (path) => {
      if (initial.has(path)) return;
      initial.add(path);
      for (const i of outputs[path].imports)
        if (i.kind === "import-statement" && outputs[i.path]) visit(i.path);
    };
    visit(Object.keys(outputs).find((path) => outputs[path].entryPoint));
    const rest = Object.keys(outputs).filter((path) => !initial.has(path) && path.endsWith(".js"));
    return [size([...initial]), size(rest)];
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

for (const [names, file, budget] of imports) {
  const [[minified, gzipped], [, lazy]] = await measure(names, file || undefined);
  const label =
    names === "*"
      ? "import * (everything)"
      : `{ ${names} }${file ? ` from "./${file.replace(/\.js$/, "")}"` : ""}`;
  const verdict = budget ? `  budget ${budget} B: ${gzipped <= budget ? "within" : "OVER"}` : "";
  process.stdout.write(
    `${label.padEnd(46)} initial ${String(gzipped).padStart(4)} B min+gzip (${minified} B min)` +
      (lazy ? `, on demand ${lazy} B` : "") +
      `${verdict}\n`,
  );
  if (budget && gzipped > budget) {
    process.stderr.write(`${label} is ${gzipped - budget} B over its ${budget} B budget.\n`);
    process.exitCode = 1;
  }
}
