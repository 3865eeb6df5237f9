#!/usr/bin/env node
// `npm run publish:check` (and CI, after the tests): `npm publish --dry-run` of every public
// package must be clean. No warning but the dry run's own "not logged in"; the tarball holds the
// LICENSE, the README, every file `exports` and `bin` name, and nothing from src/ or test/.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PUBLIC_PACKAGES } from "./public-packages.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const problems = [];

for (const { name, dir } of PUBLIC_PACKAGES) {
  const cwd = join(root, dir);
  const run = spawnSync("npm", ["publish", "--dry-run", "--json"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_loglevel: "warn" },
  });
  if (run.status !== 0) {
    problems.push(`${name}: npm publish --dry-run failed: ${run.stderr || run.error?.message}`);
    continue;
  }
  const stdout = run.stdout;
  const stderr = run.stderr;
  const result = JSON.parse(stdout)[name];
  const warnings = stderr
    .split("\n")
    .filter(
      (line) => line.startsWith("npm warn") && !line.includes("requires you to be logged in"),
    );
  for (const warning of warnings) problems.push(`${name}: ${warning}`);
  const files = new Set(result.files.map((file) => file.path));
  const manifest = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8"));
  const needed = ["LICENSE", "README.md", "package.json", ...Object.values(manifest.bin ?? {})];
  for (const target of exportTargets(manifest.exports)) needed.push(target);
  for (const file of needed) {
    const path = file.replace(/^\.\//, "");
    if (!files.has(path)) problems.push(`${name}: the tarball lacks ${path}`);
  }
  for (const file of files) {
    if (/^(src|test|stories)\//.test(file) || /\.test\./.test(file)) {
      problems.push(`${name}: the tarball should not hold ${file}`);
    }
  }
  for (const field of ["repository", "homepage", "bugs", "keywords", "license"]) {
    if (manifest[field] === undefined) problems.push(`${name}: package.json has no ${field}`);
  }
  process.stdout.write(`${name}@${result.version}: ${files.size} files, ${result.size} bytes\n`);
}

function exportTargets(exports) {
  if (typeof exports === "string") return exports.endsWith(".json") ? [] : [exports];
  if (exports === null || typeof exports !== "object") return [];
  return Object.values(exports).flatMap(exportTargets);
}

if (problems.length > 0) {
  process.stderr.write(`${problems.join("\n")}\n`);
  process.exit(1);
}
process.stdout.write("npm publish --dry-run is clean for every public package.\n");
