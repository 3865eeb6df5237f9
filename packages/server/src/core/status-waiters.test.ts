import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { flush, SimClock } from "../../test/sim-clock.js";
import { newPayment } from "../model/payment.js";
import { MemoryPaymentStore } from "../storage/memory.js";
import { resolveConfig } from "./config.js";
import { createEngine } from "./engine.js";
import { createStatusWaiters, REREAD_MS } from "./status-waiters.js";

/** `deaf`: the store accepts listeners but never calls them (notifications lost on the way). */
function setup({ deaf = false } = {}) {
  const clock = new SimClock();
  const store = new MemoryPaymentStore({ now: () => clock.now() });
  let subscriptions = 0;
  const watch = store.watch.bind(store);
  store.watch = (listener) => {
    subscriptions += 1;
    const stop = watch(deaf ? () => {} : listener);
    return () => {
      subscriptions -= 1;
      stop();
    };
  };
  const config = resolveConfig(
    {
      getOrder: () => null,
      onPaid: () => {},
      storage: store,
      apiKey: "k",
      authToken: "t",
      publicUrl: "https://shop.example",
      reconcile: { intervalMs: 0 },
    },
    {},
  );
  const engine = createEngine(config, clock);
  const waiters = createStatusWaiters(engine);
  async function order(orderId: string) {
    const payment = {
      ...newPayment({
        orderId,
        amount: 15_000,
        description: "d",
        now: clock.now(),
        firstCheckAt: 0,
      }),
      invoiceToken: "tok",
    };
    await store.insert(payment);
    return payment;
  }
  return { clock, store, waiters, order, subscriptions: () => subscriptions };
}

describe("status waiters", () => {
  it("share one watch per order and one store subscription, however many requests wait", async () => {
    const { store, waiters, order, subscriptions } = setup();
    const a = await order("order_a");
    const b = await order("order_b");
    const answers = [
      ...Array.from({ length: 300 }, () => waiters.wait("order_a", 25_000)),
      ...Array.from({ length: 200 }, () => waiters.wait("order_b", 25_000)),
    ];
    await flush();
    expect(waiters.counts()).toEqual({ orders: 2, requests: 500 });
    expect(subscriptions()).toBe(1);
    await store.transition(a.id, "pending", "paid");
    await flush();
    expect(waiters.counts()).toEqual({ orders: 1, requests: 200 });
    await store.transition(b.id, "pending", "failed");
    expect(new Set(await Promise.all(answers))).toEqual(new Set(["paid", "failed"]));
    expect(waiters.counts()).toEqual({ orders: 0, requests: 0 });
    expect(subscriptions()).toBe(0);
  });

  it("re-reads the store on a timer, for notifications that never came", async () => {
    const { clock, store, waiters, order } = setup({ deaf: true });
    const payment = await order("order_a");
    const answer = waiters.wait("order_a", 25_000);
    await flush();
    await store.transition(payment.id, "pending", "paid");
    await clock.advance(REREAD_MS.notified - 1);
    expect(waiters.counts().requests).toBe(1);
    await clock.advance(1);
    expect(await answer).toBe("paid");
  });

  it("close() answers every waiting request with its order's current status, and later waits at once", async () => {
    const { waiters, order, subscriptions } = setup();
    await order("order_a");
    const answers = Array.from({ length: 10 }, () => waiters.wait("order_a", 25_000));
    await flush();
    await waiters.close();
    expect(await Promise.all(answers)).toEqual(Array(10).fill("pending"));
    expect(subscriptions()).toBe(0);
    expect(await waiters.wait("order_a", 25_000)).toBe("pending");
    expect(waiters.counts()).toEqual({ orders: 0, requests: 0 });
  });

  it("an aborted request leaves at once; the order is let go with its last request", async () => {
    const { waiters, order, subscriptions } = setup();
    await order("order_a");
    const first = new AbortController();
    const second = new AbortController();
    const answers = [
      waiters.wait("order_a", 25_000, first.signal),
      waiters.wait("order_a", 25_000, second.signal),
    ];
    await flush();
    first.abort();
    expect(await answers[0]).toBe("pending");
    expect(waiters.counts()).toEqual({ orders: 1, requests: 1 });
    second.abort();
    await answers[1];
    expect(waiters.counts()).toEqual({ orders: 0, requests: 0 });
    expect(subscriptions()).toBe(0);
  });

  it("hold 1,000 requests on 100 orders in bounded memory: a few kilobytes each", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const heap = () => (gc(), gc(), process.memoryUsage().heapUsed);
    const { store, waiters, order, subscriptions } = setup();
    const payments = [];
    for (let i = 0; i < 100; i++) payments.push(await order(`order_${i}`));
    const before = heap();
    const controllers = Array.from({ length: 1_000 }, () => new AbortController());
    const answers = controllers.map((c, i) => waiters.wait(`order_${i % 100}`, 25_000, c.signal));
    await flush();
    const perRequest = (heap() - before) / 1_000;
    expect(waiters.counts()).toEqual({ orders: 100, requests: 1_000 });
    expect(subscriptions()).toBe(1);
    expect(perRequest).toBeLessThan(4_096);
    for (const p of payments) await store.transition(p.id, "pending", "paid");
    expect(new Set(await Promise.all(answers))).toEqual(new Set(["paid"]));
    expect(waiters.counts()).toEqual({ orders: 0, requests: 0 });
    console.warn(`heap per waiting request (kit only): ${Math.round(perRequest)} B`);
  });
});
