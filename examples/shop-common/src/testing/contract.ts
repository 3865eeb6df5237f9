import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView, Product } from "../api-types.js";
import type { ServerConfig } from "../config.js";

/** A shop started by the suite; `startStore` of each example returns one. */
export interface StartedStore {
  url: string;
  close(): Promise<void>;
}

export type StartStore = (config: ServerConfig) => Promise<StartedStore>;

/** Pages of the storefront every shop answers, whoever renders them. */
const PAGE_PATHS = [
  "/",
  "/payment/return?order=ord_x&cancelled=1",
  "/orders/ord_x",
  "/products/x",
  "/admin",
];

const INDEX_HTML = "<!doctype html><title>storefront</title><div id=root></div>";

/** How a shop differs from the Express and Koa ones where the contract allows it. */
export interface ContractOptions {
  /**
   * The shop runs no reconciler between requests; a cron calls `POST /api/ligdicash/reconcile`
   * with this secret (the shop reads it from LIGDICASH_CRON_SECRET).
   */
  cronSecret?: string;
  /**
   * "storefront": it serves the built storefront's files and index (Express, Koa). "rendered": its
   * framework renders the pages (Next.js).
   */
  pages?: "storefront" | "rendered";
}

/**
 * The behaviour every example shop must have, whatever its framework: the shop API, the payment
 * routes wired to the orders table, the reconciler, and the storefront with its page fallback.
 *
 * @example
 * shopContract("Express 5", startStore);
 */
export function shopContract(
  name: string,
  startStore: StartStore,
  options: ContractOptions = {},
): void {
  const { cronSecret, pages = "storefront" } = options;
  describe(`${name} shop`, () => {
    let emulator: Emulator;
    let dir: string;
    let shop: StartedStore;
    let fastShop: StartedStore;

    const config = (db: string, extra: Partial<ServerConfig> = {}): ServerConfig => ({
      port: 0,
      host: "127.0.0.1",
      apiUrl: emulator.url,
      apiKey: "emulator-api-key",
      authToken: "emulator-auth-token",
      shopName: "Test shop",
      ordersDb: join(dir, `${db}-orders.db`),
      paymentsDb: join(dir, `${db}-payments.db`),
      storefrontDir: join(dir, "storefront"),
      reconcileIntervalMs: 60_000,
      ...extra,
    });

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "shop-contract-"));
      mkdirSync(join(dir, "storefront", "assets"), { recursive: true });
      writeFileSync(join(dir, "storefront", "index.html"), INDEX_HTML);
      writeFileSync(join(dir, "storefront", "assets", "app.js"), "console.log('storefront')");
      emulator = await startEmulator({ port: 0 });
      shop = await startStore(config("main"));
      // Reconciles every second and at once, to show it settles payments without any callback.
      fastShop = await startStore(
        config("fast", {
          reconcileIntervalMs: 1_000,
          ligdicash: { reconcile: { firstCheckAfterMs: 0 } },
        }),
      );
    });
    afterAll(async () => {
      await shop?.close();
      await fastShop?.close();
      await emulator?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const api = (store: StartedStore, path: string, init?: RequestInit) =>
      fetch(store.url + path, init);
    const order = async (store: StartedStore, body: unknown): Promise<Response> =>
      api(store, "/api/orders", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const newOrder = async (store: StartedStore, quantity = 2): Promise<OrderView> => {
      const response = await order(store, {
        items: [{ productId: "pagne-faso-dan-fani", quantity }],
      });
      expect(response.status).toBe(201);
      return (await response.json()) as OrderView;
    };
    const readOrder = async (store: StartedStore, id: string): Promise<OrderView> =>
      (await (await api(store, `/api/orders/${id}`)).json()) as OrderView;
    const pay = async (store: StartedStore, orderId: string) => {
      const response = await api(store, "/api/ligdicash/pay", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ orderId }),
      });
      expect(response.status).toBe(200);
      const invoice = emulator.invoices().findLast((i) => i.customData.order_id === orderId);
      if (!invoice) throw new Error("no invoice for this order");
      return invoice;
    };

    it("lists the catalog with its XOF prices", async () => {
      const response = await api(shop, "/api/products");
      expect(response.status).toBe(200);
      const { products } = (await response.json()) as { products: Product[] };
      expect(products.map((p) => [p.id, p.price])).toEqual([
        ["pagne-faso-dan-fani", 15_000],
        ["beurre-de-karite", 3_500],
        ["chapeau-de-sapone", 7_500],
      ]);
    });

    it("creates an order priced from the catalog, whatever price the browser sends", async () => {
      const response = await order(shop, {
        items: [{ productId: "pagne-faso-dan-fani", quantity: 2, unitPrice: 1 }],
        amount: 9,
      });
      expect(response.status).toBe(201);
      const created = (await response.json()) as OrderView;
      expect(created).toMatchObject({
        status: "awaiting_payment",
        delivered: false,
        amount: 30_000,
        currency: "XOF",
        items: [{ productId: "pagne-faso-dan-fani", quantity: 2, unitPrice: 15_000 }],
      });
      expect(created.id).toMatch(/^ord_[A-Za-z0-9_-]{24}$/);
      expect(await readOrder(shop, created.id)).toEqual(created);
      expect((await newOrder(shop)).id).not.toBe(created.id);
    });

    it("refuses bad orders with a JSON error a developer can act on", async () => {
      const cases: [unknown, number, string][] = [
        [{ items: [{ productId: "pagne-faso-dan-fani", quantity: 0 }] }, 400, "INVALID_REQUEST"],
        [{ items: [{ productId: "pagne-faso-dan-fani", quantity: 11 }] }, 400, "INVALID_REQUEST"],
        [{ items: [{ productId: "pagne-faso-dan-fani", quantity: 1.5 }] }, 400, "INVALID_REQUEST"],
        [{ items: [] }, 400, "INVALID_REQUEST"],
        [{ items: [{ productId: "diamond", quantity: 1 }] }, 400, "UNKNOWN_PRODUCT"],
      ];
      for (const [body, status, code] of cases) {
        const response = await order(shop, body);
        expect([
          response.status,
          ((await response.json()) as { error: { code: string } }).error.code,
        ]).toEqual([status, code]);
      }
      const notJson = await api(shop, "/api/orders", { method: "POST", body: "items=1" });
      expect(notJson.status).toBe(415);
      const broken = await api(shop, "/api/orders", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{",
      });
      expect(broken.status).toBe(400);
      expect(await broken.json()).toMatchObject({ error: { code: "INVALID_REQUEST" } });
    });

    it("answers 404 for an unknown order and an unknown API route", async () => {
      const unknown = await api(shop, "/api/orders/ord_doesnotexist");
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: "ORDER_NOT_FOUND" } });
      const route = await api(shop, "/api/nothing-here");
      expect(route.status).toBe(404);
      expect(route.headers.get("content-type")).toMatch(/json/);
    });

    it("sends the order to LigdiCash from its own table and delivers it once paid", async () => {
      const created = await newOrder(shop, 2);
      const invoice = await pay(shop, created.id);
      expect(invoice).toMatchObject({ amount: 30_000, storeName: "Test shop" });
      expect(invoice.returnUrl).toBe(`${shop.url}/payment/return?order=${created.id}`);
      expect(invoice.callbackUrl).toBe(`${shop.url}/api/ligdicash/callback`);
      await emulator.settle(invoice.token, "completed");
      const paid = await readOrder(shop, created.id);
      expect(paid).toMatchObject({ status: "paid", delivered: true, operator: "ORANGE BURKINA" });
      expect(paid.paidAt).not.toBeNull();
    });

    it("keeps a declined order awaiting payment", async () => {
      const created = await newOrder(shop, 1);
      const invoice = await pay(shop, created.id);
      await emulator.settle(invoice.token, "notcompleted");
      const status = await (await api(shop, `/api/ligdicash/status/${created.id}`)).json();
      expect(status).toEqual({ orderId: created.id, status: "failed" });
      expect(await readOrder(shop, created.id)).toMatchObject({
        status: "awaiting_payment",
        delivered: false,
      });
    });

    it(`finds a payment whose callbacks were lost, with its ${cronSecret ? "cron route" : "background reconciler"}`, async () => {
      const created = await newOrder(fastShop, 1);
      const invoice = await pay(fastShop, created.id);
      emulator.setFaults({ callbacks: { drop: true } });
      try {
        await emulator.settle(invoice.token, "completed");
      } finally {
        emulator.setFaults({ callbacks: null });
      }
      if (cronSecret) {
        const cron = (authorization: string) =>
          api(fastShop, "/api/ligdicash/reconcile", { method: "POST", headers: { authorization } });
        expect((await cron("Bearer wrong-secret-0123456789")).status).toBe(401);
        expect((await cron(`Bearer ${cronSecret}`)).status).toBe(200);
      }
      // Nobody polls the status route here: only the reconciler can notice the payment.
      const deadline = Date.now() + 10_000;
      let seen = await readOrder(fastShop, created.id);
      while (!seen.delivered && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        seen = await readOrder(fastShop, created.id);
      }
      expect(seen).toMatchObject({ status: "paid", delivered: true });
      expect(emulator.callbacks().filter((c) => c.invoiceId === invoice.id)).toEqual([]);
    });

    if (pages === "rendered") {
      it("renders every page route as HTML", async () => {
        for (const path of PAGE_PATHS) {
          const response = await api(shop, path);
          expect([path, response.status]).toEqual([path, 200]);
          expect(response.headers.get("content-type")).toMatch(/^text\/html/);
          expect(await response.text()).toContain('<main class="page">');
        }
        expect((await api(shop, "/assets/missing.js")).status).toBe(404);
      });
      return;
    }

    it("serves the storefront, and its index for every page route", async () => {
      for (const path of PAGE_PATHS) {
        const response = await api(shop, path);
        expect([path, response.status]).toEqual([path, 200]);
        expect(await response.text()).toBe(INDEX_HTML);
      }
      const asset = await api(shop, "/assets/app.js");
      expect(asset.status).toBe(200);
      expect(await asset.text()).toContain("storefront");
      expect((await api(shop, "/assets/missing.js")).status).toBe(404);
    });
  });
}
