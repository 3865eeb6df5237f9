import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The built storefront (`examples/storefront/dist`), or null when it is not built. */
export function locateStorefront(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve(
      "@ligdicash-kit/example-storefront/package.json",
    );
    const dir = join(dirname(manifest), "dist");
    return existsSync(join(dir, "index.html")) ? dir : null;
  } catch {
    return null;
  }
}

/**
 * Whether a GET is a page of the single-page storefront (`/payment/return`, `/orders/…`,
 * `/products/…`) that must answer `index.html`: not the API, not a file.
 */
export function isStorefrontPage(method: string, path: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (path === "/api" || path.startsWith("/api/")) return false;
  const last = path.slice(path.lastIndexOf("/") + 1);
  return !last.includes(".");
}

/**
 * Cache policy of a storefront file: the hashed bundles under `assets/` never change, every
 * other file (index.html first) is revalidated so that a new build shows at once.
 */
export function storefrontCacheControl(filePath: string): string {
  return /[\\/]assets[\\/]/.test(filePath) ? "public, max-age=31536000, immutable" : "no-cache";
}
