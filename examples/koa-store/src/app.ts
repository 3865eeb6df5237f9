import { createReadStream } from "node:fs";
import { join } from "node:path";
import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import {
  createShop,
  isStorefrontPage,
  storefrontCacheControl,
  type ApiResponse,
  type Shop,
  type ShopConfig,
} from "@ligdicash-kit/example-shop-common";
import { ligdicash, type LigdicashKoaMiddleware } from "@ligdicash-kit/server/koa";
import Koa, { type Context } from "koa";
import serve from "koa-static";
import type { RequestListener } from "node:http";

/** The Koa shop, ready to be given to `http.createServer`. */
export interface KoaShop {
  app: Koa;
  /** `app.callback()`, for the shared server runner. */
  handler: RequestListener;
  shop: Shop;
  /** The LigdiCash middleware: `.reconcile()`, `.startReconciler()`, `.close()`. */
  payments: LigdicashKoaMiddleware;
  /** Stops the reconciler and closes both databases. */
  close(): Promise<void>;
}

/**
 * Builds the shop on Koa 3 with @koa/router: the LigdiCash routes, the shop's own API and the
 * storefront.
 *
 * @example
 * const { app } = createApp({ ...configFromEnv(), publicUrl: "https://shop.example.bf" });
 * app.listen(3000);
 */
export function createApp(config: ShopConfig): KoaShop {
  const shop = createShop(config);
  const payments = ligdicash(shop.payments);
  const app = new Koa();
  app.use(jsonErrors);

  // POST /api/ligdicash/pay, GET /api/ligdicash/status/:orderId, POST /api/ligdicash/callback
  app.use(payments);

  // The admin API: orders, payments, refunds (the /admin page of the storefront).
  const admin = shop.admin(payments);
  const adminBody = bodyParser({ enableTypes: ["json"], jsonLimit: "8kb" });
  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith("/api/admin/")) {
      await next();
      return;
    }
    await adminBody(ctx, async () => {
      const { status, headers, body } = await admin.handle({
        method: ctx.method,
        path: ctx.path.slice("/api/admin".length),
        cookie: ctx.get("cookie") || undefined,
        contentType: ctx.get("content-type") || undefined,
        body: ctx.request.body,
        client: ctx.ip,
      });
      ctx.status = status;
      ctx.set({ ...headers, "cache-control": "no-store" });
      if (body !== null) ctx.body = body;
    });
  });

  const api = new Router({ prefix: "/api" });
  api.get("/products", (ctx) => send(ctx, shop.listProducts()));
  api.post("/orders", bodyParser({ enableTypes: ["json"], jsonLimit: "8kb" }), (ctx) =>
    send(
      ctx,
      shop.createOrder({
        contentType: ctx.get("content-type") || undefined,
        body: ctx.request.body,
      }),
    ),
  );
  api.get("/orders/:id", (ctx) => send(ctx, shop.readOrder(ctx.params.id ?? "")));
  app.use(api.routes());
  app.use(async (ctx, next) => {
    if (ctx.path === "/api" || ctx.path.startsWith("/api/")) return send(ctx, shop.notFound());
    await next();
  });

  const dir = config.storefrontDir;
  if (dir) {
    app.use(
      serve(dir, {
        setHeaders: (res, path) => res.setHeader("cache-control", storefrontCacheControl(path)),
      }),
    );
    // The storefront routes its own pages: /payment/return, /orders/…, /products/…
    app.use(async (ctx, next) => {
      if (!isStorefrontPage(ctx.method, ctx.path)) {
        await next();
        return;
      }
      ctx.set("cache-control", "no-cache");
      ctx.type = "html";
      ctx.body = createReadStream(join(dir, "index.html"));
    });
  }

  const callback = app.callback();
  return {
    app,
    handler: (req, res) => void callback(req, res),
    shop,
    payments,
    close: async () => {
      await payments.close();
      shop.close();
    },
  };
}

function send(ctx: Context, { status, body }: ApiResponse): void {
  ctx.status = status;
  ctx.set("cache-control", "no-store");
  ctx.body = body;
}

// Body parser errors (bad JSON, too large) as the same JSON errors as the rest of the API.
async function jsonErrors(ctx: Context, next: () => Promise<unknown>): Promise<void> {
  try {
    await next();
  } catch (caught) {
    const error = caught as { status?: number };
    const status = error.status === 413 ? 413 : error.status === 400 ? 400 : 500;
    const code =
      status === 413 ? "PAYLOAD_TOO_LARGE" : status === 400 ? "INVALID_REQUEST" : "INTERNAL_ERROR";
    const message =
      status === 413
        ? "The request body is too large."
        : status === 400
          ? "The request body is not valid JSON."
          : "Something went wrong.";
    if (status === 500) console.error(caught);
    send(ctx, { status, body: { error: { code, message } } });
  }
}
