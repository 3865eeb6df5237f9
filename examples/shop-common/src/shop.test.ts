import { MemoryPaymentStore, type PaymentInfo } from "@ligdicash-kit/server";
import { afterEach, describe, expect, it } from "vitest";
import type { OrderView } from "./api-types.js";
import { createShop, type Shop } from "./shop.js";

const config = {
  publicUrl: "http://127.0.0.1:3000",
  apiUrl: "http://127.0.0.1:4010",
  apiKey: "k",
  authToken: "t",
  shopName: "Faso Artisans",
  ordersDb: ":memory:",
  paymentsDb: ":memory:",
  storefrontDir: null,
  reconcileIntervalMs: 30_000,
  ligdicash: { storage: new MemoryPaymentStore() },
};

const json = "application/json";

describe("createShop", () => {
  let shop: Shop;
  afterEach(() => shop.close());

  const order = (quantity: number): OrderView => {
    const created = shop.createOrder({
      contentType: json,
      body: { items: [{ productId: "chapeau-de-sapone", quantity }] },
    });
    expect(created.status).toBe(201);
    return created.body as OrderView;
  };
  const paid = (orderId: string): PaymentInfo => ({
    id: "pay_abc",
    orderId,
    status: "paid",
    amount: 22_500,
    currency: "XOF",
    operator: "MOOV AFRICA BURKINA",
    refunded: 0,
    failureReason: null,
    refundReason: null,
    createdAt: new Date(),
  });
  const hookContext = { signal: new AbortController().signal };

  it("hands the kit the order from its own table, items adding up to the amount", async () => {
    shop = createShop(config);
    const { id } = order(3);
    expect(await shop.payments.getOrder(id, undefined)).toEqual({
      amount: 22_500,
      description: `Faso Artisans · commande ${id.slice(4, 12).toUpperCase()}`,
      items: [{ name: "Chapeau de Saponé", quantity: 3, unitPrice: 7_500 }],
    });
    expect(await shop.payments.getOrder("ord_nope", undefined)).toBeNull();
  });

  it("passes its keys and URLs to the kit, and the kit options it was given", () => {
    shop = createShop(config);
    expect(shop.payments).toMatchObject({
      apiUrl: config.apiUrl,
      apiKey: "k",
      authToken: "t",
      publicUrl: config.publicUrl,
      shop: { name: "Faso Artisans" },
      storage: config.ligdicash.storage,
      reconcile: { intervalMs: 30_000 },
    });
  });

  it("marks the order paid and delivered in onPaid, and a retried hook changes nothing", async () => {
    shop = createShop(config);
    const { id } = order(3);
    await shop.payments.onPaid(paid(id), hookContext);
    const first = shop.readOrder(id).body as OrderView;
    expect(first).toMatchObject({
      status: "paid",
      delivered: true,
      operator: "MOOV AFRICA BURKINA",
    });
    await shop.payments.onPaid(paid(id), hookContext);
    expect(shop.readOrder(id).body).toEqual(first);
  });

  it("refuses a body that is not JSON", () => {
    shop = createShop(config);
    expect(shop.createOrder({ contentType: "text/plain", body: "{}" }).status).toBe(415);
    expect(shop.createOrder({ contentType: undefined, body: undefined }).status).toBe(415);
    expect(shop.createOrder({ contentType: json, body: null })).toMatchObject({
      status: 400,
      body: { error: { code: "INVALID_REQUEST" } },
    });
  });
});
