#!/usr/bin/env node
// `npm run pack:local`: the public packages as tarballs in one folder (default ./packed), the way
// a shop installs them before they are on the registry: npm install <folder>/<tarball>.
// Run after a build (pack:local builds first).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PUBLIC_PACKAGES } from "./public-packages.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const destination = resolve(process.argv[2] ?? join(root, "packed"));
mkdirSync(destination, { recursive: true });
for (const { dir } of PUBLIC_PACKAGES) {
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", destination], {
    cwd: join(root, dir),
    encoding: "utf8",
  });
  const [{ filename }] = JSON.parse(out);
  process.stdout.write(`${join(destination, filename)}\n`);
}
