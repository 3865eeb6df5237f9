import {
  configFromEnv,
  createShop,
  type Admin,
  type Shop,
} from "@ligdicash-kit/example-shop-common";
import { ligdicashRoute, type LigdicashRoute } from "@ligdicash-kit/server/next";
import { after } from "next/server";

// One shop, one kit and one admin per server process, made on the first request (not while
// `next build` reads the routes: it must not open the databases), and kept on `globalThis`:
// each route handler is its own bundle, and the same objects must serve them all (one
// reconciler, one admin login throttle), across hot reloads in development too.
const holder = globalThis as typeof globalThis & {
  ligdicashShop?: Shop;
  ligdicashKit?: LigdicashRoute;
  ligdicashAdmin?: Admin;
};

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

/** The kit as a route handler, over the shop's payments (`app/api/ligdicash/[...path]`). */
export function kit(): LigdicashRoute {
  if (!holder.ligdicashKit) {
    const { payments } = shop();
    const firstCheck = process.env.RECONCILE_FIRST_CHECK_AFTER_MS;
    holder.ligdicashKit = ligdicashRoute({
      ...payments,
      // No timer between requests, as on a serverless host: the cron route re-checks payments.
      reconcile: {
        ...payments.reconcile,
        intervalMs: 0,
        ...(firstCheck ? { firstCheckAfterMs: Number(firstCheck) } : {}),
      },
      // The confirm behind a callback, and the hooks, finish after the answer is sent.
      waitUntil: after,
    });
  }
  return holder.ligdicashKit;
}

/** The admin API of the other shops (`app/api/admin/[...path]`), over the same kit. */
export function admin(): Admin {
  holder.ligdicashAdmin ??= shop().admin(kit());
  return holder.ligdicashAdmin;
}

/** An answer of the shop's API as a Response. */
export function json({ status, body }: { status: number; body: unknown }): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
