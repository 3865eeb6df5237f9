import { configFromEnv, createShop, type Shop } from "@ligdicash-kit/example-shop-common";

// One shop per server process, made on the first request (not while `next build` reads the
// routes), and kept across hot reloads in development.
const holder = globalThis as typeof globalThis & { ligdicashShop?: Shop };

/** The shop of the Express and Koa examples, configured from the same environment variables. */
export function shop(): Shop {
  if (!holder.ligdicashShop) {
    const config = configFromEnv();
    holder.ligdicashShop = createShop({
      ...config,
      publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
      // Next.js serves the pages: the shop's own storefront folder is not used.
      storefrontDir: null,
    });
  }
  return holder.ligdicashShop;
}

/** An answer of the shop's API as a Response. */
export function json({ status, body }: { status: number; body: unknown }): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
