import assert from "node:assert/strict";
import { newPayment, type Payment } from "../model/payment.js";
import type { PaymentStore } from "./store.js";

/** One check of the storage contract: a name and an async body that throws on failure. */
export interface ConformanceCase {
  name: string;
  run: () => Promise<void>;
}

/**
 * The checks every `PaymentStore` must pass, independent of any test framework. Each case asks the
 * factory for a store, uses fresh random ids (so a shared database is fine) and closes the store.
 *
 * @example
 * for (const check of paymentStoreConformance(() => new MyStore())) it(check.name, check.run);
 */
export function paymentStoreConformance(
  createStore: () => PaymentStore | Promise<PaymentStore>,
): ConformanceCase[] {
  const cases: Array<[string, (store: PaymentStore) => Promise<void>]> = [
    [
      "insert then get returns the same record",
      async (store) => {
        const payment = sample({
          invoiceToken: `eyJ${"x".repeat(800)}`,
          description: "Commande n°42 — café",
        });
        await store.insert(payment);
        assert.deepEqual(await store.get(payment.id), payment);
        assert.equal(await store.get("pay_unknownunknownunknown00"), null);
      },
    ],
    [
      "insert refuses an existing id",
      async (store) => {
        const payment = sample();
        await store.insert(payment);
        await assert.rejects(store.insert({ ...payment }));
      },
    ],
    [
      "listByOrder returns the order's attempts, newest first",
      async (store) => {
        const orderId = randomOrder();
        const older = sample({ orderId, createdAt: 1_000 });
        const newer = sample({ orderId, createdAt: 2_000 });
        await store.insert(older);
        await store.insert(newer);
        await store.insert(sample());
        assert.deepEqual(
          (await store.listByOrder(orderId)).map((p) => p.id),
          [newer.id, older.id],
        );
        assert.deepEqual(await store.listByOrder(randomOrder()), []);
      },
    ],
    [
      "patch changes fields but never the status",
      async (store) => {
        const payment = sample();
        await store.insert(payment);
        await store.patch(payment.id, {
          payUrl: "https://pay.example/x",
          checkCount: 3,
          updatedAt: 5_000,
        });
        const read = await store.get(payment.id);
        assert.equal(read?.payUrl, "https://pay.example/x");
        assert.equal(read?.checkCount, 3);
        assert.equal(read?.updatedAt, 5_000);
        assert.equal(read?.status, "pending");
        await store.patch("pay_unknownunknownunknown00", { checkCount: 1 });
      },
    ],
    [
      "transition is a compare-and-set",
      async (store) => {
        const payment = sample();
        await store.insert(payment);
        assert.equal(await store.transition(payment.id, "paid", "failed"), false);
        assert.equal(
          await store.transition(payment.id, "pending", "paid", { operator: "ORANGE BURKINA" }),
          true,
        );
        assert.equal(await store.transition(payment.id, "pending", "failed"), false);
        const read = await store.get(payment.id);
        assert.equal(read?.status, "paid");
        assert.equal(read?.operator, "ORANGE BURKINA");
        assert.equal(
          await store.transition("pay_unknownunknownunknown00", "pending", "paid"),
          false,
        );
      },
    ],
    [
      "concurrent transitions: exactly one wins",
      async (store) => {
        const payment = sample();
        await store.insert(payment);
        const results = await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            store.transition(payment.id, "pending", i % 2 ? "paid" : "failed"),
          ),
        );
        assert.equal(results.filter(Boolean).length, 1);
      },
    ],
    [
      "expectOrder records the amount until the order is paid; claimOrder pays it once, at that amount",
      async (store) => {
        const orderId = randomOrder();
        assert.equal(await store.getOrder(orderId), null);
        assert.deepEqual(await store.expectOrder(orderId, 1_000), {
          orderId,
          amount: 1_000,
          paidBy: null,
        });
        assert.deepEqual(await store.expectOrder(orderId, 50_000), {
          orderId,
          amount: 50_000,
          paidBy: null,
        });
        const stale = sample({ orderId, amount: 1_000 });
        assert.equal(
          (await store.claimOrder(orderId, stale.id, 1_000)).paidBy,
          null,
          "older amount",
        );
        const ids = Array.from({ length: 10 }, () => sample().id);
        const records = await Promise.all(ids.map((id) => store.claimOrder(orderId, id, 50_000)));
        const owners = new Set(records.map((r) => r.paidBy));
        assert.equal(owners.size, 1);
        const owner = records[0]!.paidBy!;
        assert.ok(ids.includes(owner));
        assert.equal((await store.claimOrder(orderId, sample().id, 50_000)).paidBy, owner);
        assert.deepEqual(await store.expectOrder(orderId, 70_000), {
          orderId,
          amount: 50_000,
          paidBy: owner,
        });
        assert.deepEqual(await store.getOrder(orderId), { orderId, amount: 50_000, paidBy: owner });
      },
    ],
    [
      "claimOrder without a recorded amount: the first attempt owns the order",
      async (store) => {
        const orderId = randomOrder();
        const first = sample().id;
        assert.deepEqual(await store.claimOrder(orderId, first, 9_000), {
          orderId,
          amount: 9_000,
          paidBy: first,
        });
        assert.equal((await store.claimOrder(orderId, sample().id, 9_000)).paidBy, first);
      },
    ],
    [
      "claimFulfilment: one holder at a time, only for terminal payments, timed by the store's clock",
      async (store) => {
        const payment = sample();
        await store.insert(payment);
        const claim = (token: string, leaseMs = 60_000) =>
          store.claimFulfilment(payment.id, token, leaseMs);
        assert.equal(await claim("a"), false, "pending is not claimable");
        await store.transition(payment.id, "pending", "paid");
        const before = await store.now();
        const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => claim(`t${i}`)));
        assert.equal(claims.filter(Boolean).length, 1);
        const held = await store.get(payment.id);
        assert.ok(held!.claimedUntil! >= before + 60_000, "lease from the store's now");
        assert.ok(held!.claimedUntil! <= (await store.now()) + 60_000);
        assert.equal(await claim("b"), false, "lease still held");
        await store.completeFulfilment(payment.id, "done");
        assert.equal(await claim("c"), false, "done for good");
        const read = await store.get(payment.id);
        assert.equal(read?.fulfilment, "done");
        assert.ok(read.fulfilledAt! >= before && read.fulfilledAt! <= (await store.now()));
        assert.equal(read?.claimedUntil, null);
        assert.equal(read?.claimToken, null);
        await store.completeFulfilment(payment.id, "refund");
        assert.equal((await store.get(payment.id))?.fulfilment, "done", "completed once");
      },
    ],
    [
      "only the lease holder renews or releases it; an expired lease can be taken",
      async (store) => {
        const payment = sample({ status: "paid" });
        await store.insert(payment);
        assert.equal(await store.claimFulfilment(payment.id, "first", 0), true);
        assert.equal(await store.renewFulfilment(payment.id, "first", 60_000), true);
        assert.equal(await store.claimFulfilment(payment.id, "second", 60_000), false, "renewed");
        assert.equal(await store.renewFulfilment(payment.id, "first", 0), true);
        assert.equal(await store.claimFulfilment(payment.id, "second", 60_000), true, "expired");
        assert.equal(await store.renewFulfilment(payment.id, "first", 60_000), false, "lost lease");
        await store.releaseFulfilment(payment.id, "first", "late failure", 0);
        const read = await store.get(payment.id);
        assert.equal(read?.claimToken, "second", "a stale holder cannot release");
        assert.equal(read?.fulfilAttempts, 0);
      },
    ],
    [
      "releaseFulfilment counts the failure and holds retries back for the backoff",
      async (store) => {
        const payment = sample();
        await store.insert(payment);
        await store.transition(payment.id, "pending", "failed");
        assert.equal(await store.claimFulfilment(payment.id, "t", 60_000), true);
        await store.releaseFulfilment(payment.id, "t", "hook threw", 60_000);
        const read = await store.get(payment.id);
        assert.equal(read?.fulfilAttempts, 1);
        assert.equal(read?.lastError, "hook threw");
        assert.equal(read?.claimToken, null);
        assert.equal(await store.claimFulfilment(payment.id, "u", 60_000), false, "backoff");
        const listed = async (id: string) =>
          (await store.listUnfulfilled(1_000)).some((p) => p.id === id);
        assert.equal(await listed(payment.id), false);
        const soon = sample({ status: "failed" });
        await store.insert(soon);
        assert.equal(await store.claimFulfilment(soon.id, "t", 60_000), true);
        await store.releaseFulfilment(soon.id, "t", "hook threw", 0);
        assert.equal(await listed(soon.id), true, "backoff over");
        assert.equal(await store.claimFulfilment(soon.id, "u", 60_000), true);
      },
    ],
    [
      "now() is the store's clock in epoch milliseconds",
      async (store) => {
        const now = await store.now();
        assert.ok(
          Math.abs(now - Date.now()) < 60_000,
          `store clock ${now} is far from this host's`,
        );
      },
    ],
    [
      "listDuePending finds a due payment behind many given-up ones",
      async (store) => {
        const stale = Array.from({ length: 250 }, () =>
          sample({ invoiceToken: "tok", createdAt: 10, nextCheckAt: 1 }),
        );
        for (const p of stale) await store.insert(p);
        const fresh = sample({ invoiceToken: "tok", createdAt: 50_000, nextCheckAt: 2 });
        await store.insert(fresh);
        const listed = await store.listDuePending(100_000, 1_000, 10);
        assert.ok(listed.some((p) => p.id === fresh.id));
        assert.ok(listed.every((p) => p.createdAt > 1_000));
      },
    ],
    [
      "listDuePending selects pending payments due for a confirm",
      async (store) => {
        const base = { invoiceToken: "tok", createdAt: 50_000 };
        const due = [
          sample({ ...base, nextCheckAt: 90_000 }),
          sample({ ...base, nextCheckAt: 80_000 }),
        ];
        const notDue = [
          sample({ ...base, nextCheckAt: 200_000 }),
          sample({ ...base, invoiceToken: null, nextCheckAt: 1 }),
          sample({ ...base, createdAt: 10, nextCheckAt: 1 }),
          sample({ ...base, status: "paid", nextCheckAt: 1 }),
        ];
        for (const p of [...due, ...notDue]) await store.insert(p);
        const mine = new Set([...due, ...notDue].map((p) => p.id));
        const listed = (await store.listDuePending(100_000, 1_000, 1_000)).filter((p) =>
          mine.has(p.id),
        );
        assert.deepEqual(
          listed.map((p) => p.id),
          [due[1]!.id, due[0]!.id],
        );
        assert.equal((await store.listDuePending(100_000, 1_000, 1)).length, 1);
      },
    ],
    [
      "listUnfulfilled selects terminal payments whose hook has not completed",
      async (store) => {
        const now = await store.now();
        const open = sample({ status: "paid" });
        const expired = sample({ status: "paid", claimedUntil: now - 1_000 });
        const leased = sample({ status: "paid", claimedUntil: now + 600_000 });
        const done = sample({ status: "failed", fulfilment: "done", fulfilledAt: 1 });
        const pending = sample();
        for (const p of [open, expired, leased, done, pending]) await store.insert(p);
        const mine = new Set([open, expired, leased, done, pending].map((p) => p.id));
        const ids = (await store.listUnfulfilled(1_000))
          .map((p) => p.id)
          .filter((id) => mine.has(id));
        assert.deepEqual(ids.sort(), [open.id, expired.id].sort());
      },
    ],
    [
      "watch (optional) reports a transition with its order id, and stops when told",
      async (store) => {
        if (!store.watch) return;
        const first = heard(store);
        // Listening may take a moment to start (a connection opening): it says so with null.
        const probe = sample();
        await store.insert(probe);
        await store.transition(probe.id, "pending", "failed");
        await first.until((orderId) => orderId === probe.orderId || orderId === null);
        const payment = sample();
        await store.insert(payment);
        await store.patch(payment.id, { checkCount: 1 });
        assert.equal(await store.transition(payment.id, "pending", "paid"), true);
        await first.until((orderId) => orderId === payment.orderId);
        first.stop();
        // A second listener hears the next change; the first, stopped, must not.
        const second = heard(store);
        const other = sample();
        await store.insert(other);
        await store.transition(other.id, "pending", "failed");
        await second.until((orderId) => orderId === other.orderId);
        second.stop();
        assert.equal(first.orders.includes(other.orderId), false);
      },
    ],
  ];
  return cases.map(([name, body]) => ({
    name,
    run: async () => {
      const store = await createStore();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    },
  }));
}

/** How long a notification may take to arrive. */
const NOTIFY_WITHIN_MS = 5_000;

/** A listener on `store.watch` that records what it hears, and waits until it heard something. */
function heard(store: PaymentStore) {
  const orders: Array<string | null> = [];
  let check = () => {};
  const stop = store.watch!((orderId) => {
    orders.push(orderId);
    check();
  });
  const until = (match: (orderId: string | null) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected notification not heard within ${NOTIFY_WITHIN_MS} ms`)),
        NOTIFY_WITHIN_MS,
      );
      check = () => {
        if (!orders.some(match)) return;
        clearTimeout(timer);
        resolve();
      };
      check();
    });
  return { orders, stop, until };
}

function randomOrder(): string {
  return `order_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

function sample(overrides: Partial<Payment> = {}): Payment {
  const payment = newPayment({
    orderId: randomOrder(),
    amount: 15_000,
    description: "Order",
    now: 1_000,
    firstCheckAt: 2_000,
  });
  return { ...payment, ...overrides };
}
