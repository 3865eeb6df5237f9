import {
  createShop,
  isStorefrontPage,
  storefrontCacheControl,
  type ApiResponse,
  type Shop,
  type ShopConfig,
} from "@ligdicash-kit/example-shop-common";
import { ligdicash, type LigdicashExpressMiddleware } from "@ligdicash-kit/server/express";
import express, { type ErrorRequestHandler, type Express, type Response } from "express";

/** The Express shop, ready to be given to `http.createServer` or `app.listen`. */
export interface ExpressShop {
  app: Express;
  /** Same as `app`, for the shared server runner. */
  handler: Express;
  shop: Shop;
  /** The LigdiCash middleware: `.reconcile()`, `.startReconciler()`, `.close()`. */
  payments: LigdicashExpressMiddleware;
  /** Stops the reconciler and closes both databases. */
  close(): Promise<void>;
}

/**
 * Builds the shop on Express 5: the LigdiCash routes, the shop's own API and the storefront.
 *
 * @example
 * const { app } = createApp({ ...configFromEnv(), publicUrl: "https://shop.example.bf" });
 * app.listen(3000);
 */
export function createApp(config: ShopConfig): ExpressShop {
  const shop = createShop(config);
  const payments = ligdicash(shop.payments);
  const app = express();
  app.disable("x-powered-by");

  // POST /api/ligdicash/pay, GET /api/ligdicash/status/:orderId, POST /api/ligdicash/callback
  app.use(payments);

  // The admin API: orders, payments, refunds (the /admin page of the storefront).
  const admin = shop.admin(payments);
  app.use("/api/admin", express.json({ limit: "8kb" }), (req, res, next) => {
    admin
      .handle({
        method: req.method,
        path: req.path,
        cookie: req.get("cookie"),
        contentType: req.get("content-type"),
        body: req.body as unknown,
        client: req.ip,
      })
      .then(({ status, headers, body }) => {
        res.status(status).set({ ...headers, "cache-control": "no-store" });
        if (body === null) res.end();
        else res.json(body);
      }, next);
  });
  app.use("/api/admin", jsonErrors);

  const api = express.Router();
  api.use(express.json({ limit: "8kb" }));
  api.get("/products", (_req, res) => send(res, shop.listProducts()));
  api.post("/orders", (req, res) =>
    send(
      res,
      shop.createOrder({ contentType: req.get("content-type"), body: req.body as unknown }),
    ),
  );
  api.get("/orders/:id", (req, res) => send(res, shop.readOrder(req.params.id)));
  api.use((_req, res) => send(res, shop.notFound()));
  api.use(jsonErrors);
  app.use("/api", api);

  const dir = config.storefrontDir;
  if (dir) {
    app.use(
      express.static(dir, {
        setHeaders: (res, path) => res.set("cache-control", storefrontCacheControl(path)),
      }),
    );
    // The storefront routes its own pages: /payment/return, /orders/…, /products/…
    app.use((req, res, next) => {
      if (!isStorefrontPage(req.method, req.path)) return next();
      res.set("cache-control", "no-cache");
      res.sendFile("index.html", { root: dir });
    });
  }

  return {
    app,
    handler: app,
    shop,
    payments,
    close: async () => {
      await payments.close();
      shop.close();
    },
  };
}

function send(res: Response, { status, body }: ApiResponse): void {
  res.status(status).set("cache-control", "no-store").json(body);
}

// Body parser errors (bad JSON, too large) as the same JSON errors as the rest of the API.
const jsonErrors: ErrorRequestHandler = (
  error: { status?: number; type?: string },
  _req,
  res,
  next,
) => {
  if (res.headersSent) return next(error);
  const status = error.status === 413 ? 413 : error.status === 400 ? 400 : 500;
  const code =
    status === 413 ? "PAYLOAD_TOO_LARGE" : status === 400 ? "INVALID_REQUEST" : "INTERNAL_ERROR";
  const message =
    status === 413
      ? "The request body is too large."
      : status === 400
        ? "The request body is not valid JSON."
        : "Something went wrong.";
  if (status === 500) console.error(error);
  send(res, { status, body: { error: { code, message } } });
};
