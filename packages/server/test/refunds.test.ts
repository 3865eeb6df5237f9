import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import { SqlitePaymentStore } from "../src/storage/sqlite.js";
import type { LigdicashStore } from "../src/storage/store.js";
import { newOrder, startPayment, status } from "./helpers.js";
import { API_KEY, AUTH_TOKEN, startShop, type Shop } from "./shop.js";

const dir = mkdtempSync(join(tmpdir(), "ligdicash-refunds-"));
let emulator: Emulator;
const shops: Shop[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    apiKey: API_KEY,
    authToken: AUTH_TOKEN,
    payoutDelayMs: null,
    callbackRetry: { attempts: 1 },
  });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(shops.splice(0).map((shop) => shop.close()));
  emulator.reset();
});

async function openShop(store: LigdicashStore = new MemoryPaymentStore()): Promise<Shop> {
  const shop = await startShop({
    framework: "koa3",
    apiUrl: emulator.url,
    options: { storage: store },
  });
  shops.push(shop);
  return shop;
}

/** An order of `amount` paid through ORANGE BURKINA by 22676275726; its paid payment's id. */
async function paidOrder(
  shop: Shop,
  amount = 15_000,
): Promise<{ orderId: string; paymentId: string }> {
  const orderId = newOrder(shop, amount);
  const invoice = await startPayment(shop, emulator, orderId);
  await emulator.settle(invoice.token, "completed", { operatorId: "11" });
  await shop.settled();
  expect(await status(shop, orderId)).toBe("paid");
  return { orderId, paymentId: invoice.customData.transaction_id! };
}

const payoutTotal = () => emulator.payouts().reduce((sum, p) => sum + p.amount, 0);

describe("refund(orderId)", () => {
  it("pays the payer back in full, once, and runs onRefunded once", async () => {
    const store = new MemoryPaymentStore();
    const shop = await openShop(store);
    const { orderId, paymentId } = await paidOrder(shop);
    expect((await store.get(paymentId))?.payer).toBe("22676275726");
    const refund = await shop.middleware.refund(orderId, { reason: "Out of stock" });
    expect(refund).toMatchObject({
      id: `rf_${paymentId}`,
      status: "sent",
      amount: 15_000,
      method: "mobile_money",
      orderId,
      refund: { paymentId, reason: "Out of stock" },
      to: "2267•••••26",
    });
    expect(emulator.payouts()[0]).toMatchObject({ customer: "22676275726", operatorId: "11" });
    // The same call again (a double click, a retry): the same refund.
    expect(await shop.middleware.refund(orderId, { reason: "Out of stock" })).toMatchObject({
      id: refund.id,
    });
    await emulator.settlePayout(emulator.payouts()[0]!.token, "completed");
    await shop.settled();
    expect(await shop.middleware.payouts.get(refund.id)).toMatchObject({ status: "paid" });
    expect(shop.refunded.map((r) => r.id)).toEqual([refund.id]);
    expect(shop.payoutsPaid).toEqual([]);
    expect((await store.get(paymentId))?.refunded).toBe(15_000);
    const [attempt] = await shop.middleware.paymentsOf(orderId);
    expect(attempt).toMatchObject({ id: paymentId, status: "paid", refunded: 15_000 });
    expect(JSON.stringify(attempt)).not.toMatch(/22676275726|payer|invoiceToken/);
    await expect(
      shop.middleware.refund(orderId, { reason: "again", id: "second", amount: 100 }),
    ).rejects.toMatchObject({ code: "REFUND_EXCEEDS_PAID" });
    expect(emulator.payouts()).toHaveLength(1);
    expect(JSON.stringify(shop.logs)).not.toContain("22676275726");
  });

  it("partial refunds need an id of their own; the default full refund then takes the rest", async () => {
    const store = new MemoryPaymentStore();
    const shop = await openShop(store);
    const { orderId, paymentId } = await paidOrder(shop, 10_000);
    await expect(
      shop.middleware.refund(orderId, { reason: "damaged", amount: 2_000 }),
    ).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    await shop.middleware.refund(orderId, { reason: "damaged", amount: 2_000, id: "rf-1" });
    await shop.middleware.refund(orderId, { reason: "late", amount: 3_000, id: "rf-2" });
    await expect(
      shop.middleware.refund(orderId, { reason: "late", amount: 2_500, id: "rf-2" }),
    ).rejects.toMatchObject({ code: "PAYOUT_CONFLICT" });
    expect(await shop.middleware.refund(orderId, { reason: "cancelled" })).toMatchObject({
      amount: 5_000,
    });
    expect((await store.get(paymentId))?.refunded).toBe(10_000);
    expect(payoutTotal()).toBe(10_000);
    expect((await shop.middleware.payouts.list({ orderId })).map((p) => p.amount)).toEqual([
      5_000, 3_000, 2_000,
    ]);
  });

  it("never refunds more than was paid under concurrent refunds from two processes", async () => {
    const file = join(dir, "concurrent.db");
    const [a, b] = [
      await openShop(new SqlitePaymentStore(file)),
      await openShop(new SqlitePaymentStore(file)),
    ];
    const { orderId } = await paidOrder(a, 15_000);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).middleware.refund(orderId, {
          reason: "concurrent",
          id: `rf-c-${i}`,
          amount: 4_000,
        }),
      ),
    );
    const accepted = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(accepted).toHaveLength(3);
    for (const r of refused) expect(r.reason).toMatchObject({ code: "REFUND_EXCEEDS_PAID" });
    expect(payoutTotal()).toBe(12_000);
  });

  it("a refund LigdiCash refuses fails, gives its amount back, and the order can be refunded again", async () => {
    const store = new MemoryPaymentStore();
    const shop = await openShop(store);
    const { orderId, paymentId } = await paidOrder(shop, 8_000);
    emulator.setBalance("11", 0);
    const failed = await shop.middleware.refund(orderId, { reason: "first try" });
    expect(failed).toMatchObject({
      status: "failed",
      error: { code: "LIGDICASH_INSUFFICIENT_BALANCE" },
    });
    await shop.settled();
    expect(shop.payoutsFailed.map((p) => p.id)).toEqual([failed.id]);
    expect((await store.get(paymentId))?.refunded).toBe(0);
    emulator.fundOperator("11", 8_000);
    // The failed refund's id stays failed; a new id refunds.
    expect(await shop.middleware.refund(orderId, { reason: "first try" })).toMatchObject({
      status: "failed",
    });
    const second = await shop.middleware.refund(orderId, {
      reason: "second try",
      id: "rf-retry",
      amount: 8_000,
    });
    expect(second.status).toBe("sent");
    expect((await store.get(paymentId))?.refunded).toBe(8_000);
  });

  it("refuses an order nobody paid", async () => {
    const shop = await openShop();
    const orderId = newOrder(shop);
    await startPayment(shop, emulator, orderId);
    await expect(shop.middleware.refund(orderId, { reason: "x" })).rejects.toMatchObject({
      code: "ORDER_NOT_PAID",
    });
    await expect(shop.middleware.refund("order_nobody", { reason: "x" })).rejects.toMatchObject({
      code: "ORDER_NOT_PAID",
    });
  });
});
