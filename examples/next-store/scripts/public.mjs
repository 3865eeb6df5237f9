// The storefront's pictures, served by Next.js from public/ (a copy: public/ is not committed).
import { cpSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const storefront = dirname(
  createRequire(import.meta.url).resolve("@ligdicash-kit/example-storefront/package.json"),
);
cpSync(join(storefront, "public"), join(here, "public"), { recursive: true });
