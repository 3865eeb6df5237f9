import { describe, expect, it } from "vitest";
import { newPayment } from "../model/payment.js";
import { MemoryPaymentStore } from "../storage/memory.js";
import { isPayoutStore, type LigdicashStore } from "../storage/store.js";
import { LazyStore } from "./lazy-store.js";

function lazy(open: () => Promise<LigdicashStore> = async () => new MemoryPaymentStore()) {
  let opened = 0;
  const store = new LazyStore(() => {
    opened += 1;
    return open();
  });
  return { store, opened: () => opened };
}

describe("the store opened on first use", () => {
  it("opens once, on the first call, and then serves every method", async () => {
    const { store, opened } = lazy();
    expect(opened()).toBe(0);
    expect(await store.getOrder("order_1")).toBeNull();
    const record = await store.expectOrder("order_1", 15_000);
    expect(record).toEqual({ orderId: "order_1", amount: 15_000, paidBy: null });
    expect(await store.listByOrder("order_1")).toEqual([]);
    expect(typeof (await store.now())).toBe("number");
    expect(opened()).toBe(1);
    await store.close();
    await expect(store.get("pay_x")).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
  });

  it("keeps payouts, as the default store does: payouts.send and refund work without a store option", async () => {
    const { store, opened } = lazy();
    expect(isPayoutStore(store)).toBe(true);
    expect(opened()).toBe(0);
    expect(await store.getPayout("po_1")).toBeNull();
    expect(await store.listPayouts()).toEqual([]);
    expect(opened()).toBe(1);
    await store.close();
  });

  it("closed before any call: never opens, and refuses calls as a closed store", async () => {
    const { store, opened } = lazy();
    await store.close();
    await expect(store.get("pay_x")).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
    expect(opened()).toBe(0);
  });

  it("a store that cannot open fails every call with its own error, opening once", async () => {
    const refusal = new Error("cannot open");
    const { store, opened } = lazy(() => Promise.reject(refusal));
    await expect(store.get("pay_x")).rejects.toBe(refusal);
    await expect(store.now()).rejects.toBe(refusal);
    expect(opened()).toBe(1);
    await store.close();
  });

  it("passes change notifications on once open; stopping before it opens subscribes nothing", async () => {
    const inner = new MemoryPaymentStore();
    const { store } = lazy(async () => inner);
    const heard: Array<string | null> = [];
    const stop = store.watch((orderId) => heard.push(orderId));
    const stopEarly = store.watch(() => heard.push("early"));
    stopEarly();
    await store.expectOrder("order_1", 15_000);
    const payment = newPayment({
      orderId: "order_1",
      amount: 15_000,
      description: "Order",
      now: 1,
      firstCheckAt: 1,
    });
    await store.insert(payment);
    expect(await store.transition(payment.id, "pending", "failed")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual(["order_1"]);
    stop();
    await store.close();
  });
});
