import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { bodyParser } from "@koa/bodyparser";
import express5 from "express";
import express4 from "express4";
import Koa3 from "koa";
import Koa2 from "koa2";
import mount from "koa-mount";
import type { LigdicashControls } from "../src/core/handler.js";
import { ligdicash as expressLigdicash } from "../src/express.js";
import { ligdicash as koaLigdicash } from "../src/koa.js";
import type { LigdicashOptions, Order } from "../src/core/options.js";
import type { PaymentInfo } from "../src/model/payment.js";
import type { PayoutInfo } from "../src/model/payout.js";
import { MemoryPaymentStore } from "../src/storage/memory.js";

export const FRAMEWORKS = ["express4", "express5", "koa2", "koa3"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface ShopOptions {
  framework: Framework;
  apiUrl: string;
  /** Mount a body parser (JSON and form) before the middleware. */
  bodyParser?: boolean;
  /** Mount the middleware under this prefix (express `app.use(prefix, …)`, koa-mount). */
  prefix?: string;
  options?: Partial<LigdicashOptions>;
}

export interface Shop {
  url: string;
  server: Server;
  /** The shop's own orders: what `getOrder` reads. */
  orders: Map<string, Order>;
  /** Every orderId `getOrder` was asked for. */
  lookups: string[];
  paid: PaymentInfo[];
  failed: PaymentInfo[];
  refunds: PaymentInfo[];
  /** Payout hooks as they ran: `onPayoutPaid`, `onPayoutFailed`, `onRefunded`. */
  payoutsPaid: PayoutInfo[];
  payoutsFailed: PayoutInfo[];
  refunded: PayoutInfo[];
  logs: string[];
  middleware: LigdicashControls;
  /** Waits until the confirms and hooks that requests started have finished. */
  settled(): Promise<void>;
  /** Fetch a path of the shop. */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const API_KEY = "test-api-key-0123456789";
export const AUTH_TOKEN = "test-auth-token-9876543210";

/** A tiny shop on a real framework and a real socket, with the middleware mounted as a user would. */
export async function startShop(config: ShopOptions): Promise<Shop> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const prefix = config.prefix ?? "";
  const orders = new Map<string, Order>();
  const lookups: string[] = [];
  const paid: PaymentInfo[] = [];
  const failed: PaymentInfo[] = [];
  const refunds: PaymentInfo[] = [];
  const payoutsPaid: PayoutInfo[] = [];
  const payoutsFailed: PayoutInfo[] = [];
  const refunded: PayoutInfo[] = [];
  const logs: string[] = [];
  const record = (level: string) => (o: Record<string, unknown>, m?: string) =>
    void logs.push(`${level} ${m ?? ""} ${JSON.stringify(o)}`);
  const options: LigdicashOptions<unknown> = {
    getOrder: (orderId) => {
      lookups.push(orderId);
      return orders.get(orderId) ?? null;
    },
    onPaid: (payment) => void paid.push(payment),
    onFailed: (payment) => void failed.push(payment),
    onRefundNeeded: (payment) => void refunds.push(payment),
    onPayoutPaid: (payout) => void payoutsPaid.push(payout),
    onPayoutFailed: (payout) => void payoutsFailed.push(payout),
    onRefunded: (payout) => void refunded.push(payout),
    apiKey: API_KEY,
    authToken: AUTH_TOKEN,
    apiUrl: config.apiUrl,
    publicUrl: url + prefix,
    storage: new MemoryPaymentStore(),
    logger: {
      debug: record("debug"),
      info: record("info"),
      warn: record("warn"),
      error: record("error"),
    },
    timeouts: { confirmMs: 1_000, createMs: 2_000 },
    recheckIntervalMs: 0,
    reconcile: { intervalMs: 0 }, // tests run reconcile() themselves
    ...config.options,
  };
  const middleware = config.framework.startsWith("express")
    ? mountExpress(server, config, options)
    : mountKoa(server, config, options);
  return {
    url,
    server,
    orders,
    lookups,
    paid,
    failed,
    refunds,
    payoutsPaid,
    payoutsFailed,
    refunded,
    logs,
    middleware,
    settled: async () => {
      await middleware.idle(10_000);
    },
    request: (path, init) => fetch(url + path, init),
    close: async () => {
      await middleware.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function mountExpress(server: Server, config: ShopOptions, options: LigdicashOptions<unknown>) {
  const express = config.framework === "express4" ? express4 : express5;
  const app = express();
  app.set("env", "test"); // body parser errors are expected here: keep them off stderr
  // Parser limits above the kit's 64 kB, so that the kit's own limit is what the tests meet.
  if (config.bodyParser) {
    app.use(express.json({ limit: "1mb" }), express.urlencoded({ extended: true, limit: "1mb" }));
  }
  app.get("/hello", (_req, res) => void res.send("hello from the shop"));
  app.post("/echo", (req, res) => void res.json({ echoed: req.body as unknown }));
  const middleware = expressLigdicash(options);
  if (config.prefix) app.use(config.prefix, middleware);
  else app.use(middleware);
  server.on("request", app);
  return middleware;
}

function mountKoa(server: Server, config: ShopOptions, options: LigdicashOptions<unknown>) {
  const app = config.framework === "koa2" ? new Koa2() : new Koa3();
  app.silent = true; // body parser errors are expected here: keep them off stderr
  if (config.bodyParser) {
    app.use(bodyParser({ enableTypes: ["json", "form"], jsonLimit: "1mb", formLimit: "1mb" }));
  }
  const middleware = koaLigdicash(options);
  app.use(
    config.prefix ? mount(config.prefix, middleware as Parameters<typeof mount>[1]) : middleware,
  );
  app.use(async (ctx, next) => {
    if (ctx.path === "/hello") ctx.body = "hello from the shop";
    else if (ctx.path === "/echo") ctx.body = { echoed: (ctx.request as { body?: unknown }).body };
    else await next();
  });
  const handle = app.callback();
  server.on("request", (req, res) => void handle(req, res));
  return middleware;
}
