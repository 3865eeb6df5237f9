import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createEngine } from "../src/core/engine.js";
import { resolveConfig } from "../src/core/config.js";
import { newPayment, type PaymentInfo } from "../src/model/payment.js";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import { SqlitePaymentStore } from "../src/storage/sqlite.js";
import { FakeLigdicash } from "./fake-ligdicash.js";
import { testKit } from "./kit.js";

const dir = mkdtempSync(join(tmpdir(), "ligdicash-money-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A hook that records how many copies of itself run at once, and waits for `release()`. */
function gatedHook() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const state = { running: 0, most: 0, runs: 0, signals: [] as AbortSignal[] };
  const hook = async (_payment: PaymentInfo, context?: { signal: AbortSignal }) => {
    state.runs += 1;
    state.running += 1;
    state.most = Math.max(state.most, state.running);
    if (context?.signal) state.signals.push(context.signal);
    await gate;
    state.running -= 1;
  };
  return { hook, state, release: () => open() };
}

/** Two "processes" (engines) on one store, each with its own clock offset from the real one. */
function twoProcesses(
  store: MemoryPaymentStore,
  onPaid: (p: PaymentInfo) => Promise<void>,
  reconcile: Record<string, number>,
  skewMs = 0,
) {
  const ligdicash = new FakeLigdicash();
  const logs: string[] = [];
  const make = (offset: number) =>
    createEngine(
      resolveConfig(
        {
          getOrder: () => null,
          onPaid,
          storage: store,
          fetch: ligdicash.fetch,
          apiKey: "k",
          authToken: "t",
          publicUrl: "https://shop.example",
          logger: {
            info: () => undefined,
            warn: (_o, m) => void logs.push(`warn ${m}`),
            error: (_o, m) => void logs.push(`error ${m}`),
          },
          reconcile: { intervalMs: 0, ...reconcile },
        },
        {},
      ),
      () => Date.now() + offset,
    );
  return { ligdicash, logs, a: make(0), b: make(skewMs) };
}

async function paidPayment(store: MemoryPaymentStore, ligdicash: FakeLigdicash) {
  const payment = {
    ...newPayment({
      orderId: `order_${Math.random()}`,
      amount: 5000,
      description: "d",
      now: Date.now(),
      firstCheckAt: 0,
    }),
    invoiceToken: "tok",
  };
  ligdicash.invoices.push({
    token: "tok",
    transactionId: payment.id,
    orderId: payment.orderId,
    amount: 5000,
    state: "completed",
    paid: { amount: 5000, transactionId: payment.id, currency: "XOF" },
  });
  await store.insert(payment);
  return payment;
}

describe("a hook never runs beside itself", () => {
  it("keeps the lease while a hook outlives hookTimeoutMs, and passes it an AbortSignal that fires", async () => {
    const store = new MemoryPaymentStore();
    const { hook, state, release } = gatedHook();
    const { ligdicash, logs, a, b } = twoProcesses(store, hook, {
      hookTimeoutMs: 20,
      hookLeaseMs: 1_000,
      firstCheckAfterMs: 0,
    });
    const payment = await paidPayment(store, ligdicash);
    const first = a.refresh(payment, 0, "reconcile");
    await vi.waitFor(() => expect(logs.join("\n")).toMatch(/still running after 20 ms/));
    // The timeout fired: another process (and this one) now try the hook again.
    await b.fulfil((await store.get(payment.id))!);
    const joined = a.fulfil((await store.get(payment.id))!);
    expect(state.runs).toBe(1);
    expect(state.signals[0]?.aborted).toBe(true);
    release();
    await Promise.all([first, joined, a.tasks.drain(5_000)]);
    expect(state.most).toBe(1);
    expect(await store.get(payment.id)).toMatchObject({ fulfilment: "done", claimToken: null });
  });

  it("does not trust a host clock 61 s ahead: the lease is timed by the store", async () => {
    const store = new MemoryPaymentStore();
    const { hook, state, release } = gatedHook();
    const { ligdicash, a, b } = twoProcesses(store, hook, { hookLeaseMs: 60_000 }, 61_000);
    const payment = await paidPayment(store, ligdicash);
    const first = a.refresh(payment, 0, "reconcile");
    await vi.waitFor(() => expect(state.runs).toBe(1));
    await b.fulfil((await store.get(payment.id))!);
    expect(state.runs).toBe(1);
    release();
    await Promise.all([first, a.tasks.drain(5_000)]);
    expect(state.most).toBe(1);
    expect(await store.get(payment.id)).toMatchObject({ fulfilment: "done" });
  });
});

describe("close() on a rolling deploy", () => {
  it("waits for a running onPaid before closing the store, so its completion is saved", async () => {
    const file = join(dir, "close.db");
    const { hook, state, release } = gatedHook();
    const t = testKit({ storage: new SqlitePaymentStore(file), onPaid: hook });
    t.orders.set("order_close", { amount: 5000 });
    const { status } = await t.pay("order_close");
    expect(status).toBe(200);
    const invoice = t.ligdicash.invoices[0]!;
    t.ligdicash.pay(invoice);
    await t.callback(invoice.transactionId);
    await vi.waitFor(() => expect(state.runs).toBe(1));
    const closed = t.kit.close();
    setTimeout(release, 50);
    await closed;
    const reopened = new SqlitePaymentStore(file);
    expect(await reopened.get(invoice.transactionId)).toMatchObject({
      status: "paid",
      fulfilment: "done",
      claimToken: null,
    });
    await reopened.close();
  });
});

describe("an order whose amount changed", () => {
  it("never fulfils the order from the superseded invoice: the payment goes to onRefundNeeded", async () => {
    const t = testKit();
    t.orders.set("order_grow", { amount: 1_000 });
    await t.pay("order_grow");
    t.orders.set("order_grow", { amount: 50_000 });
    await t.pay("order_grow");
    const [old, current] = t.ligdicash.invoices;
    expect([old?.amount, current?.amount]).toEqual([1_000, 50_000]);
    t.ligdicash.pay(old!);
    expect(await t.callback(old!.transactionId)).toBe(200);
    await vi.waitFor(() => expect(t.refunds).toHaveLength(1));
    expect(t.refunds[0]).toMatchObject({ orderId: "order_grow", amount: 1_000 });
    expect(t.paid).toEqual([]);
    expect(await t.status("order_grow")).toBe("pending");
    // The current invoice still pays the order.
    t.ligdicash.pay(current!);
    await t.callback(current!.transactionId);
    await vi.waitFor(() => expect(t.paid).toHaveLength(1));
    expect(t.paid[0]).toMatchObject({ amount: 50_000 });
    expect(await t.status("order_grow")).toBe("paid");
  });

  it("status stays pending while an older invoice can still be paid, though the newest could not be created", async () => {
    const t = testKit();
    t.orders.set("order_retry", { amount: 1_000 });
    await t.pay("order_retry");
    t.orders.set("order_retry", { amount: 2_000 });
    t.ligdicash.failCreates = 1;
    expect((await t.pay("order_retry")).status).toBe(503);
    expect(await t.status("order_retry")).toBe("pending");
  });
});

describe("money that moved always reaches a hook", () => {
  it("a declined attempt is reported when the only paid attempt was for an older amount", async () => {
    const t = testKit();
    t.orders.set("order_old", { amount: 1_000 });
    await t.pay("order_old");
    t.orders.set("order_old", { amount: 5_000 });
    await t.pay("order_old");
    const [old, current] = t.ligdicash.invoices;
    t.ligdicash.pay(old!);
    await t.callback(old!.transactionId);
    t.ligdicash.decline(current!);
    await t.callback(current!.transactionId, "notcompleted");
    await t.kit.idle(5_000);
    expect(t.refunds.map((p) => p.refundReason)).toEqual(["superseded"]);
    expect(t.failed.map((p) => p.id)).toEqual([current!.transactionId]);
    expect(await t.status("order_old")).toBe("failed");
  });

  it("a completed confirm at another amount, after another attempt paid the order, goes to onRefundNeeded", async () => {
    const t = testKit();
    t.orders.set("order_two", { amount: 3_000 });
    await t.pay("order_two");
    const first = t.ligdicash.invoices[0]!;
    // An invoice close to its expiry is not handed out again: the next click makes a second one.
    await t.store.patch(first.transactionId, { invoiceExpiresAt: Date.now() });
    await t.pay("order_two");
    const second = t.ligdicash.invoices[1]!;
    t.ligdicash.pay(first);
    await t.callback(first.transactionId);
    await vi.waitFor(() => expect(t.paid).toHaveLength(1));
    t.ligdicash.pay(second, { amount: 2_500 });
    await t.callback(second.transactionId);
    await vi.waitFor(() => expect(t.refunds).toHaveLength(1));
    expect(t.refunds[0]).toMatchObject({
      id: second.transactionId,
      failureReason: "amount_mismatch",
    });
    expect(t.paid).toHaveLength(1);
  });
});

describe("status polls and outages do not delay the reconciler", () => {
  it("six pending polls keep the next check within firstCheckAfterMs", async () => {
    const t = testKit({ reconcile: { intervalMs: 0, firstCheckAfterMs: 120_000 } });
    t.orders.set("order_poll", { amount: 5_000 });
    await t.pay("order_poll");
    const invoice = t.ligdicash.invoices[0]!;
    for (let i = 0; i < 6; i++) expect(await t.status("order_poll")).toBe("pending");
    expect(t.ligdicash.confirmsOf(invoice)).toBe(6);
    const payment = (await t.store.get(invoice.transactionId))!;
    expect(payment.nextCheckAt! - Date.now()).toBeLessThanOrEqual(120_000 * 1.1);
  });

  it("an outage is retried on a short schedule, not a growing one", async () => {
    const store = new MemoryPaymentStore();
    const ligdicash = new FakeLigdicash();
    const clock = { now: Date.now() };
    const config = resolveConfig(
      {
        getOrder: () => null,
        onPaid: () => undefined,
        storage: store,
        fetch: ligdicash.fetch,
        apiKey: "k",
        authToken: "t",
        publicUrl: "https://shop.example",
        reconcile: { intervalMs: 0, firstCheckAfterMs: 120_000 },
      },
      {},
    );
    const engine = createEngine(config, () => clock.now);
    const payment = await paidPayment(store, ligdicash);
    for (let i = 0; i < 5; i++) {
      ligdicash.confirmFaults.push("500", "500", "500");
      const current = (await store.get(payment.id))!;
      clock.now = Math.max(clock.now, current.nextCheckAt ?? clock.now);
      expect(await engine.refresh(current, clock.now, "reconcile")).toBe("pending");
    }
    const after = (await store.get(payment.id))!;
    expect(after.nextCheckAt! - clock.now).toBeLessThanOrEqual(120_000 * 1.1);
  });
});

describe("LigdiCash's rate limit", () => {
  it("a 429 is not retried at once, and Retry-After holds further confirms", async () => {
    const t = testKit();
    t.orders.set("order_429", { amount: 5_000 });
    await t.pay("order_429");
    const invoice = t.ligdicash.invoices[0]!;
    t.ligdicash.confirmFaults.push(
      { status: 429, retryAfter: "30" },
      { status: 429 },
      { status: 429 },
    );
    expect(await t.status("order_429")).toBe("pending");
    expect(t.ligdicash.confirmsOf(invoice)).toBe(1);
    expect(await t.status("order_429")).toBe("pending");
    expect(t.ligdicash.confirmsOf(invoice)).toBe(1);
    const payment = (await t.store.get(invoice.transactionId))!;
    expect(payment.nextCheckAt! - Date.now()).toBeGreaterThanOrEqual(29_000);
  });
});

describe("callbacks answer at once", () => {
  it("answers 200 before the confirm and the hook finish, with the receipt saved as due", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const t = testKit();
    t.orders.set("order_fast", { amount: 5_000 });
    await t.pay("order_fast");
    const invoice = t.ligdicash.invoices[0]!;
    t.ligdicash.pay(invoice);
    t.ligdicash.confirmFaults.push({ gate });
    const answered = await Promise.race([
      t.callback(invoice.transactionId),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 500)),
    ]);
    expect(answered).toBe(200);
    const saved = (await t.store.get(invoice.transactionId))!;
    expect(saved.nextCheckAt).toBeLessThanOrEqual(Date.now());
    open();
    await vi.waitFor(() => expect(t.paid).toHaveLength(1));
  });
});
