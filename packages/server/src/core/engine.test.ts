import { describe, expect, it, vi } from "vitest";
import { flush, SimClock } from "../../test/sim-clock.js";
import { MemoryPaymentStore } from "../storage/memory.js";
import { resolveConfig } from "./config.js";
import { createEngine } from "./engine.js";
import { newPayment, type Payment, type PaymentInfo } from "../model/payment.js";
import { reconcile } from "./reconcile.js";

/** A LigdiCash that answers confirm from a table of token → answer (or a thrown failure). */
function setup(answers: Record<string, unknown>, reconcile: { hookLeaseMs?: number } = {}) {
  const clock = { now: Date.now() };
  const store = new MemoryPaymentStore({ now: () => clock.now });
  const paid: PaymentInfo[] = [];
  const failed: PaymentInfo[] = [];
  const duplicates: PaymentInfo[] = [];
  const onPaid = vi.fn((p: PaymentInfo): void | Promise<void> => void paid.push(p));
  const confirms = vi.fn((url: string) => {
    const token = new URL(url).searchParams.get("invoiceToken") ?? "";
    const answer = answers[token];
    if (answer === "down") return Promise.resolve(new Response("", { status: 503 }));
    return Promise.resolve(new Response(JSON.stringify(answer)));
  });
  const config = resolveConfig(
    {
      getOrder: () => null,
      onPaid,
      onFailed: (p) => void failed.push(p),
      onDuplicatePayment: (p) => void duplicates.push(p),
      storage: store,
      fetch: confirms as unknown as typeof fetch,
      apiKey: "k",
      authToken: "t",
      publicUrl: "https://shop.example",
      timeouts: { confirmMs: 1_000 },
      reconcile: { intervalMs: 0, ...reconcile },
    },
    {},
  );
  const engine = createEngine(config, () => clock.now);
  async function payment(token: string, orderId = "order_1", amount = 15000) {
    const p = {
      ...newPayment({ orderId, amount, description: "d", now: clock.now, firstCheckAt: 0 }),
      invoiceToken: token,
    };
    await store.insert(p);
    return p;
  }
  /** Refresh, then wait for the hook it started in the background. */
  async function settle(p: Payment, notBefore = 0) {
    const status = await engine.refresh(p, notBefore, "poll");
    await engine.tasks.drain(5_000);
    return status;
  }
  return { store, engine, payment, paid, failed, duplicates, onPaid, confirms, clock, settle };
}

const completed = (id: string, amount: number | string = 15000) => ({
  response_code: "00",
  status: "completed",
  amount,
  operator_name: "ORANGE BURKINA",
  custom_data: [{ keyof_customdata: "transaction_id", valueof_customdata: id }],
});

describe("the payment state machine", () => {
  it("pays a payment LigdiCash confirms with the stored amount and transaction id, once", async () => {
    const answers: Record<string, unknown> = {};
    const t = setup(answers);
    const p = await t.payment("tok");
    answers.tok = completed(p.id, "15000");
    const results = await Promise.all(Array.from({ length: 10 }, () => t.settle(p)));
    expect(new Set(results)).toEqual(new Set(["paid"]));
    expect(t.paid).toHaveLength(1);
    expect(t.paid[0]).toMatchObject({
      id: p.id,
      orderId: "order_1",
      amount: 15000,
      status: "paid",
      operator: "ORANGE BURKINA",
    });
    expect(t.paid[0]).not.toHaveProperty("invoiceToken");
    expect(await t.store.get(p.id)).toMatchObject({ status: "paid", fulfilment: "done" });
  });

  it("does not pay when LigdiCash confirms one franc less, another transaction, or another currency", async () => {
    const answers: Record<string, unknown> = {};
    const t = setup(answers);
    const short = await t.payment("short", "o1");
    const other = await t.payment("other", "o2");
    const euro = await t.payment("euro", "o3");
    answers.short = completed(short.id, 14999);
    answers.other = completed("pay_someoneelsesomeoneelse00");
    answers.euro = { ...completed(euro.id), devise: "EUR" };
    expect(await t.settle(short)).toBe("failed");
    expect(await t.settle(other)).toBe("failed");
    expect(await t.settle(euro)).toBe("failed");
    expect(t.paid).toHaveLength(0);
    expect(t.failed).toHaveLength(0);
    // LigdiCash took money: it reaches the refund hook, with the reason.
    expect(t.duplicates.map((p) => [p.failureReason, p.refundReason])).toEqual([
      ["amount_mismatch", "amount_mismatch"],
      ["transaction_mismatch", "transaction_mismatch"],
      ["amount_mismatch", "amount_mismatch"],
    ]);
  });

  it("fails declined payments in both spellings and leaves pending ones pending", async () => {
    const t = setup({
      a: { response_code: "00", status: "notcompleted" },
      b: { response_code: "00", status: "nocompleted" },
      c: { response_code: "00", status: "pending" },
    });
    const [a, b, c] = [
      await t.payment("a", "oa"),
      await t.payment("b", "ob"),
      await t.payment("c", "oc"),
    ];
    expect(await t.settle(a)).toBe("failed");
    expect(await t.settle(b)).toBe("failed");
    expect(await t.settle(c)).toBe("pending");
    expect(t.failed.map((p) => p.failureReason)).toEqual(["declined", "declined"]);
    const stillPending = await t.store.get(c.id);
    // A poll's check does not back the reconciler off: its next check stays within the first delay.
    expect(stillPending).toMatchObject({ status: "pending", checkCount: 0 });
    expect(stillPending!.nextCheckAt).toBeGreaterThan(t.clock.now);
    expect(stillPending!.nextCheckAt).toBeLessThanOrEqual(t.clock.now + 120_000);
  });

  it("leaves the payment pending when LigdiCash is down or answers garbage", async () => {
    const t = setup({ down: "down", junk: { response_code: "00", status: "maybe" } });
    const down = await t.payment("down", "o1");
    const junk = await t.payment("junk", "o2");
    expect(await t.settle(down)).toBe("pending");
    expect(await t.settle(junk)).toBe("pending");
    expect(await t.store.get(down.id)).toMatchObject({
      status: "pending",
      lastError: "LIGDICASH_UNAVAILABLE",
    });
    expect(await t.store.get(junk.id)).toMatchObject({
      status: "pending",
      lastError: "LIGDICASH_BAD_RESPONSE",
    });
  });

  it("never moves a terminal payment, and never calls LigdiCash for it again", async () => {
    const answers: Record<string, unknown> = {};
    const t = setup(answers);
    const p = await t.payment("tok");
    answers.tok = completed(p.id);
    await t.settle(p);
    answers.tok = { response_code: "00", status: "notcompleted" };
    const calls = t.confirms.mock.calls.length;
    expect(await t.engine.refresh(p, Date.now() + 1, "poll")).toBe("paid");
    expect(t.confirms.mock.calls.length).toBe(calls);
    expect((await t.store.get(p.id))?.status).toBe("paid");
  });

  it("retries an onPaid that threw after a backoff, and then stops", async () => {
    const answers: Record<string, unknown> = {};
    const t = setup(answers);
    t.onPaid.mockImplementationOnce(() => {
      throw new Error("mail server down");
    });
    const p = await t.payment("tok");
    answers.tok = completed(p.id);
    expect(await t.settle(p)).toBe("paid");
    expect(await t.store.get(p.id)).toMatchObject({
      fulfilment: null,
      fulfilAttempts: 1,
      lastError: "mail server down",
    });
    expect(await reconcile(t.engine)).toMatchObject({ hooksRetried: 0 });
    expect(t.onPaid).toHaveBeenCalledTimes(1);
    t.clock.now += 2 * 60_000;
    expect(await reconcile(t.engine, { now: t.clock.now })).toMatchObject({ hooksRetried: 1 });
    await t.engine.tasks.drain(5_000);
    expect(t.onPaid).toHaveBeenCalledTimes(2);
    expect(await t.store.get(p.id)).toMatchObject({ fulfilment: "done" });
    t.clock.now += 60 * 60_000;
    await reconcile(t.engine, { now: t.clock.now });
    expect(t.onPaid).toHaveBeenCalledTimes(2);
  });

  it("fulfils an order once when two of its attempts are paid: the second is reported as a duplicate", async () => {
    const answers: Record<string, unknown> = {};
    const t = setup(answers);
    const first = await t.payment("first", "order_x");
    const second = await t.payment("second", "order_x");
    answers.first = completed(first.id);
    answers.second = completed(second.id);
    await Promise.all([t.settle(first), t.settle(second)]);
    expect(t.paid).toHaveLength(1);
    expect(t.duplicates).toHaveLength(1);
    expect(t.duplicates[0]!.id).not.toBe(t.paid[0]!.id);
  });

  it("leaves a completed payment without an amount pending, for review", async () => {
    const answers: Record<string, unknown> = {};
    const t = setup(answers);
    const p = await t.payment("tok");
    answers.tok = { response_code: "00", status: "completed", custom_data: [] };
    expect(await t.settle(p)).toBe("pending");
    expect(t.paid).toHaveLength(0);
    expect(t.failed).toHaveLength(0);
    expect(await t.store.get(p.id)).toMatchObject({
      status: "pending",
      lastError: "LIGDICASH_BAD_RESPONSE",
    });
  });

  it("does not tell the shop an order failed when another of its attempts paid it", async () => {
    const answers: Record<string, unknown> = {};
    const t = setup(answers);
    const declined = await t.payment("declined", "order_y");
    const paidOne = await t.payment("paid", "order_y");
    answers.paid = completed(paidOne.id);
    answers.declined = { response_code: "00", status: "notcompleted" };
    await t.settle(paidOne);
    await t.settle(declined);
    expect(t.paid.map((p) => p.id)).toEqual([paidOne.id]);
    expect(t.failed).toHaveLength(0);
    expect(await t.store.get(declined.id)).toMatchObject({
      status: "failed",
      fulfilment: "skipped",
    });
  });

  it("keeps the hook lease while a slow onPaid runs, so nobody runs it twice", async () => {
    const answers: Record<string, unknown> = {};
    const t = setup(answers, { hookLeaseMs: 1_000 });
    let running = 0;
    let overlapped = false;
    t.onPaid.mockImplementation(async () => {
      overlapped ||= running > 0;
      running += 1;
      await new Promise((resolve) => setTimeout(resolve, 1_600));
      running -= 1;
    });
    const p = await t.payment("tok");
    answers.tok = completed(p.id);
    const first = t.settle(p);
    // Other processes try to take the hook over while it runs, past the first lease.
    const attempts: Array<Promise<unknown>> = [];
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      t.clock.now = Date.now();
      const current = await t.store.get(p.id);
      if (current) attempts.push(t.engine.fulfil(current));
    }
    await Promise.all([first, ...attempts]);
    expect(t.onPaid).toHaveBeenCalledTimes(1);
    expect(overlapped).toBe(false);
    expect(await t.store.get(p.id)).toMatchObject({ fulfilment: "done" });
  });

  it("reconcile re-confirms due pending payments only", async () => {
    const answers: Record<string, unknown> = {};
    const t = setup(answers);
    const due = await t.payment("due", "o1");
    const notDue = await t.payment("later", "o2");
    await t.store.patch(notDue.id, { nextCheckAt: Date.now() + 60_000 });
    answers.due = completed(due.id);
    answers.later = completed(notDue.id);
    expect(await reconcile(t.engine)).toEqual({ checked: 1, paid: 1, failed: 0, hooksRetried: 0 });
    expect((await t.store.get(notDue.id))?.status).toBe("pending");
    expect(await reconcile(t.engine, { now: Date.now() + 120_000 })).toMatchObject({
      checked: 1,
      paid: 1,
    });
  });
});

describe("confirm spacing", () => {
  it("a poll that read the payment before another's confirm landed uses that confirm, and queues none", async () => {
    const clock = new SimClock();
    const store = new MemoryPaymentStore({ now: () => clock.now() });
    const confirms = vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify({ response_code: "00", status: "pending" }))),
    );
    const config = resolveConfig(
      {
        getOrder: () => null,
        onPaid: () => {},
        storage: store,
        fetch: confirms,
        apiKey: "k",
        authToken: "t",
        publicUrl: "https://shop.example",
        recheckIntervalMs: 3_000,
        reconcile: { intervalMs: 0 },
      },
      {},
    );
    const engine = createEngine(config, clock);
    const read = {
      ...newPayment({
        orderId: "o",
        amount: 15000,
        description: "d",
        now: clock.now(),
        firstCheckAt: 0,
      }),
      invoiceToken: "tok",
    };
    await store.insert(read);
    expect(await engine.refresh(read, clock.now() - 3_000, "poll")).toBe("pending");
    expect(confirms).toHaveBeenCalledTimes(1);
    // `read` is the record as a second poll read it, before the first confirm was saved.
    const second = engine.refresh(read, clock.now() - 3_000, "poll");
    await flush();
    expect(await Promise.race([second, Promise.resolve("still waiting")])).toBe("pending");
    expect(confirms).toHaveBeenCalledTimes(1);
    // A callback is news: it still gets a confirm of its own, once the spacing allows.
    const callback = engine.refresh(read, clock.now(), "callback");
    await clock.advance(3_000);
    expect(await callback).toBe("pending");
    expect(confirms).toHaveBeenCalledTimes(2);
  });
});
