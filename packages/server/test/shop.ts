import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LigdicashOptions, Order } from "../src/core/options.js";
import type { PaymentInfo } from "../src/model/payment.js";
import type { PayoutInfo } from "../src/model/payout.js";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import { express4Mount, express5Mount } from "./adapters/express.js";
import { fastifyMount } from "./adapters/fastify.js";
import { honoMount } from "./adapters/hono.js";
import { koa2Mount, koa3Mount } from "./adapters/koa.js";
import type { Controls, Mount } from "./adapters/mount.js";
import { nextMount } from "./adapters/next.js";

/** Every adapter, as a shop mounts it. */
export const MOUNTS = {
  express4: express4Mount,
  express5: express5Mount,
  koa2: koa2Mount,
  koa3: koa3Mount,
  hono: honoMount,
  next: nextMount,
  fastify: fastifyMount,
} satisfies Record<string, Mount>;

export type Framework = keyof typeof MOUNTS;
export const FRAMEWORKS = Object.keys(MOUNTS) as Framework[];

/** Each framework alone, and with its body parsers mounted first where it has any. */
export const VARIANTS = FRAMEWORKS.flatMap((framework) =>
  MOUNTS[framework].parsers
    ? [
        { framework, bodyParser: false },
        { framework, bodyParser: true },
      ]
    : [{ framework, bodyParser: false }],
);

/** Whether the kit reads the body from the socket itself (no parser got to it first). */
export function kitReadsBody(framework: Framework, bodyParser: boolean): boolean {
  return !bodyParser || MOUNTS[framework].kitReadsBehindParser;
}

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
  middleware: Controls;
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
  const mounted = await MOUNTS[config.framework].start(
    server,
    { bodyParser: config.bodyParser ?? false, prefix: config.prefix },
    options,
  );
  const middleware = mounted.controls;
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
      await (mounted.close ?? middleware.close)();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
