import { describe, expect, it } from "vitest";
import { testKit, type TestKit } from "../../test/kit.js";
import { flush, SimClock } from "../../test/sim-clock.js";
import type { LigdicashOptions } from "./options.js";
import type { CoreResponse } from "./handler.js";
import { MemoryPaymentStore } from "../storage/memory.js";
import type { PaymentStore } from "../storage/store.js";
import { waitSeconds } from "./status-route.js";

/** A kit on simulated time whose store counts its notification subscriptions. */
function waitingKit(options: Partial<LigdicashOptions<undefined>> = {}) {
  const clock = new SimClock();
  const store = new MemoryPaymentStore({ now: () => clock.now() });
  const subscriptions = { open: 0 };
  const watch = store.watch.bind(store);
  store.watch = (listener) => {
    subscriptions.open += 1;
    const stop = watch(listener);
    return () => {
      subscriptions.open -= 1;
      stop();
    };
  };
  const t = testKit({ storage: store, ...options }, { timers: clock });
  return { ...t, clock, subscriptions };
}

/** An order with a pending invoice at the fake LigdiCash. */
async function pendingOrder(t: TestKit, orderId = "order_1") {
  t.orders.set(orderId, { amount: 15_000 });
  expect((await t.pay(orderId)).status).toBe(200);
  return t.ligdicash.invoices.at(-1)!;
}

/** A request in flight, and whether it has answered yet. */
function inFlight(promise: Promise<CoreResponse>) {
  const state: { response: CoreResponse | null } = { response: null };
  void promise.then((response) => void (state.response = response));
  return state;
}

const bodyOf = (response: CoreResponse) => JSON.parse(response.body) as Record<string, unknown>;

describe("GET /status/:orderId?wait=N", () => {
  it("without wait (or wait=0) answers at once, as a poll: Retry-After while pending, no wait header", async () => {
    const t = waitingKit({ recheckIntervalMs: 3_000 });
    await pendingOrder(t);
    for (const query of [undefined, "", "wait=0", "other=1"]) {
      const response = await t.statusRequest("order_1", query);
      expect(bodyOf(response)).toEqual({ orderId: "order_1", status: "pending" });
      expect(response.headers["retry-after"]).toBe("3");
      expect(response.headers["x-ligdicash-wait"]).toBeUndefined();
      expect(response.headers["cache-control"]).toBe("no-store");
    }
    expect(t.subscriptions.open).toBe(0);
  });

  it("answers a final status at once, saying the wait was honoured, clamped to 1..25 s", async () => {
    const t = waitingKit();
    const invoice = await pendingOrder(t);
    t.ligdicash.pay(invoice);
    for (const [query, accepted] of [
      ["wait=25", "25"],
      ["wait=100", "25"],
      ["wait=1", "1"],
      ["wait=0.2", "1"],
      ["wait=7&x=1", "7"],
    ] as const) {
      const response = await t.statusRequest("order_1", query);
      expect(bodyOf(response)).toEqual({ orderId: "order_1", status: "paid" });
      expect(response.headers["x-ligdicash-wait"]).toBe(accepted);
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(response.headers["access-control-expose-headers"]).toBe(
        "Retry-After, X-Ligdicash-Wait",
      );
    }
  });

  it("refuses a wait that is not a number of seconds", async () => {
    const t = waitingKit();
    await pendingOrder(t);
    for (const query of ["wait=abc", "wait=-1", "wait=1e3", "wait= 5"]) {
      const response = await t.statusRequest("order_1", query);
      expect(response.status).toBe(400);
      expect(bodyOf(response)).toMatchObject({ error: { code: "INVALID_REQUEST" } });
    }
    expect(waitSeconds("wait=24.5")).toBe(25);
  });

  it("holds a pending order until a callback settles it, then answers paid with no clock moving", async () => {
    const t = waitingKit();
    const invoice = await pendingOrder(t);
    const request = inFlight(t.statusRequest("order_1", "wait=25"));
    await flush();
    expect(request.response).toBeNull();
    t.ligdicash.pay(invoice);
    expect(await t.callback(invoice.transactionId)).toBe(200);
    await t.kit.idle();
    await flush();
    expect(request.response && bodyOf(request.response)).toEqual({
      orderId: "order_1",
      status: "paid",
    });
    expect(request.response?.headers["x-ligdicash-wait"]).toBe("25");
    expect(request.response?.headers["retry-after"]).toBeUndefined();
    expect(t.subscriptions.open).toBe(0);
  });

  it("answers the status it has after N seconds, and not before", async () => {
    const t = waitingKit();
    await pendingOrder(t);
    const request = inFlight(t.statusRequest("order_1", "wait=3"));
    await flush();
    await t.clock.advance(2_999);
    expect(request.response).toBeNull();
    await t.clock.advance(1);
    expect(request.response && bodyOf(request.response)).toEqual({
      orderId: "order_1",
      status: "pending",
    });
    // The client may ask again at once: no Retry-After to slow it down.
    expect(request.response?.headers).toMatchObject({ "x-ligdicash-wait": "3" });
    expect(request.response?.headers["retry-after"]).toBeUndefined();
    expect(t.subscriptions.open).toBe(0);
  });

  it("ends a wait whose client went away, and lets go of the order", async () => {
    const t = waitingKit();
    await pendingOrder(t);
    const controller = new AbortController();
    const request = inFlight(t.statusRequest("order_1", "wait=25", controller.signal));
    await flush();
    expect(t.subscriptions.open).toBe(1);
    controller.abort();
    await flush();
    expect(request.response).not.toBeNull();
    expect(t.subscriptions.open).toBe(0);
  });

  it("close() answers waiting requests with the current status before the store closes", async () => {
    const t = waitingKit();
    await pendingOrder(t);
    const events: string[] = [];
    const close = t.store.close.bind(t.store);
    t.store.close = () => {
      events.push("store closed");
      return close();
    };
    const answer = t
      .statusRequest("order_1", "wait=25")
      .then((response) => void events.push(`answered ${response.status} ${response.body}`));
    await flush();
    await t.kit.close();
    await answer;
    expect(events).toEqual([
      'answered 200 {"orderId":"order_1","status":"pending"}',
      "store closed",
    ]);
    // Later requests are refused, waiting or not.
    expect((await t.statusRequest("order_1", "wait=25")).status).toBe(503);
  });

  it("calls LigdiCash no more than polling every 2 s would: once at the start, shared by every request", async () => {
    const waiting = waitingKit({ recheckIntervalMs: 3_000 });
    const invoice = await pendingOrder(waiting);
    const requests = Array.from({ length: 50 }, () =>
      inFlight(waiting.statusRequest("order_1", "wait=25")),
    );
    await flush();
    await waiting.clock.advance(25_000);
    expect(requests.every((r) => r.response?.status === 200)).toBe(true);
    expect(waiting.ligdicash.confirmsOf(invoice)).toBe(1);

    const polling = waitingKit({ recheckIntervalMs: 3_000 });
    const polled = await pendingOrder(polling);
    for (let elapsed = 0; elapsed < 25_000; elapsed += 2_000) {
      expect(await polling.status("order_1")).toBe("pending");
      await polling.clock.advance(2_000);
    }
    expect(waiting.ligdicash.confirmsOf(invoice)).toBeLessThan(
      polling.ligdicash.confirmsOf(polled),
    );
  });

  it("a callback arriving right after the wait's own confirm is confirmed once the spacing allows, and wakes it then", async () => {
    const t = waitingKit({ recheckIntervalMs: 3_000 });
    const invoice = await pendingOrder(t);
    const request = inFlight(t.statusRequest("order_1", "wait=25"));
    await flush();
    await t.clock.advance(1_000);
    t.ligdicash.pay(invoice);
    expect(await t.callback(invoice.transactionId)).toBe(200);
    await t.clock.advance(1_999);
    expect(request.response).toBeNull();
    await t.clock.advance(1);
    await t.kit.idle();
    await flush();
    expect(request.response && bodyOf(request.response)).toMatchObject({ status: "paid" });
    expect(t.ligdicash.confirmsOf(invoice)).toBe(2);
  });
});

describe("a store without notifications", () => {
  /** The memory store, seen through the contract without its optional `watch`. */
  function plainStore(clock: SimClock) {
    const inner = new MemoryPaymentStore({ now: () => clock.now() });
    const methods = Object.getOwnPropertyNames(MemoryPaymentStore.prototype).filter(
      (name) => name !== "constructor" && name !== "watch",
    );
    const store = Object.fromEntries(
      methods.map((name) => [
        name,
        (...args: unknown[]) =>
          (inner as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args),
      ]),
    ) as unknown as PaymentStore;
    return { inner, store };
  }

  it("still wakes at once for a change made in this process, and within a second for another's", async () => {
    const clock = new SimClock();
    const { inner, store } = plainStore(clock);
    expect("watch" in store).toBe(false);
    const t = testKit({ storage: store }, { timers: clock });
    const invoice = await pendingOrder(t);
    const here = inFlight(t.statusRequest("order_1", "wait=25"));
    await flush();
    t.ligdicash.pay(invoice);
    await t.callback(invoice.transactionId);
    await t.kit.idle();
    await flush();
    expect(here.response && bodyOf(here.response)).toMatchObject({ status: "paid" });

    await pendingOrder(t, "order_2");
    const there = inFlight(t.statusRequest("order_2", "wait=25"));
    await flush();
    // Another process settles it: this kit hears nothing, and finds it on its next re-read.
    const [attempt] = await inner.listByOrder("order_2");
    await inner.transition(attempt!.id, "pending", "failed");
    await flush();
    expect(there.response).toBeNull();
    await clock.advance(1_000);
    expect(there.response && bodyOf(there.response)).toMatchObject({ status: "failed" });
  });
});
