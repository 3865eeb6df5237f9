import assert from "node:assert/strict";
import { newPayment } from "../model/payment.js";
import { newPayout, type Payout } from "../model/payout.js";
import type { ConformanceCase } from "./conformance.js";
import type { LigdicashStore } from "./store.js";

type Check = (store: LigdicashStore) => Promise<void>;

const basics: Array<[string, Check]> = [
  [
    "insertPayout saves a payout once: get returns it, a second insert of its id changes nothing",
    async (store) => {
      const payout = sample({ metadata: { seller: "s_42", note: "café" }, orderId: "ORD-1" });
      assert.equal(await store.insertPayout(payout), true);
      assert.deepEqual(await store.getPayout(payout.id), payout);
      assert.equal(await store.insertPayout({ ...payout, amount: 9_999 }), false);
      assert.equal((await store.getPayout(payout.id))?.amount, payout.amount);
      assert.equal(await store.getPayout(randomId()), null);
    },
  ],
  [
    "concurrent inserts of one id: exactly one saves it",
    async (store) => {
      const id = randomId();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.insertPayout(sample({ id, amount: 100 + i }))),
      );
      assert.equal(results.filter(Boolean).length, 1);
      const winner = results.indexOf(true);
      assert.equal((await store.getPayout(id))?.amount, 100 + winner);
    },
  ],
  [
    "transitionPayout is a compare-and-set; concurrent moves: exactly one wins",
    async (store) => {
      const payout = sample();
      await store.insertPayout(payout);
      assert.equal(await store.transitionPayout(payout.id, "sent", "paid"), false);
      assert.equal(
        await store.transitionPayout(payout.id, "pending", "sent", { token: "tok", attempts: 1 }),
        true,
      );
      const moves = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.transitionPayout(payout.id, "sent", i % 2 ? "paid" : "failed", {
            operator: `${i}`,
          }),
        ),
      );
      assert.equal(moves.filter(Boolean).length, 1);
      const read = await store.getPayout(payout.id);
      assert.equal(read?.token, "tok");
      assert.equal(read?.attempts, 1);
      assert.equal(read?.status, moves.indexOf(true) % 2 ? "paid" : "failed");
      assert.equal(await store.transitionPayout(randomId(), "pending", "sent"), false);
    },
  ],
  [
    "transitionPayout with a checkCount: a move made on an older read loses, even to the same status",
    async (store) => {
      const payout = sample();
      await store.insertPayout(payout);
      // Two movers read checkCount 0; one goes pending → unknown → pending, counting each move.
      assert.equal(
        await store.transitionPayout(payout.id, "pending", "unknown", { checkCount: 1 }, 0),
        true,
      );
      assert.equal(
        await store.transitionPayout(payout.id, "unknown", "pending", { checkCount: 2 }, 1),
        true,
      );
      // The other, acting on its read: the status matches again, the count does not.
      assert.equal(
        await store.transitionPayout(payout.id, "pending", "unknown", { checkCount: 1 }, 0),
        false,
      );
      const concurrent = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.transitionPayout(payout.id, "pending", "unknown", { checkCount: 3 }, 2),
        ),
      );
      assert.equal(concurrent.filter(Boolean).length, 1);
      const read = await store.getPayout(payout.id);
      assert.equal(read?.status, "unknown");
      assert.equal(read?.checkCount, 3);
    },
  ],
  [
    "patchPayout changes fields but never the status",
    async (store) => {
      const payout = sample();
      await store.insertPayout(payout);
      await store.patchPayout(payout.id, { nextCheckAt: 7_000, errorCode: "X", updatedAt: 6_000 });
      const read = await store.getPayout(payout.id);
      assert.deepEqual(read, { ...payout, nextCheckAt: 7_000, errorCode: "X", updatedAt: 6_000 });
      await store.patchPayout(randomId(), { checkCount: 1 });
    },
  ],
  [
    "listPayouts filters by status and order, newest first",
    async (store) => {
      const orderId = `order_${randomId()}`;
      const older = sample({ orderId, createdAt: 1_000 });
      const newer = sample({ orderId, createdAt: 2_000, status: "paid" });
      const other = sample({ createdAt: 3_000, status: "paid" });
      for (const p of [older, newer, other]) await store.insertPayout(p);
      const ids = (payouts: Payout[]) => payouts.map((p) => p.id);
      assert.deepEqual(ids(await store.listPayouts({ orderId })), [newer.id, older.id]);
      assert.deepEqual(ids(await store.listPayouts({ orderId, status: "paid" })), [newer.id]);
      const paid = ids(await store.listPayouts({ status: "paid", limit: 1_000 }));
      assert.ok(paid.includes(newer.id) && paid.includes(other.id) && !paid.includes(older.id));
      assert.equal((await store.listPayouts({ limit: 1 })).length, 1);
    },
  ],
  [
    "listDuePayouts: unsettled payouts due for a look, soonest first",
    async (store) => {
      const due = [
        sample({ status: "sent", nextCheckAt: 90_000 }),
        sample({ status: "unknown", nextCheckAt: 80_000 }),
        sample({ status: "pending", nextCheckAt: 85_000 }),
      ];
      const notDue = [
        sample({ status: "sent", nextCheckAt: 200_000 }),
        sample({ status: "sent", nextCheckAt: null }),
        sample({ status: "paid", nextCheckAt: 1 }),
        sample({ status: "failed", nextCheckAt: 1 }),
      ];
      for (const p of [...due, ...notDue]) await store.insertPayout(p);
      const mine = new Set([...due, ...notDue].map((p) => p.id));
      const listed = (await store.listDuePayouts(100_000, 10_000)).filter((p) => mine.has(p.id));
      assert.deepEqual(
        listed.map((p) => p.id),
        [due[1]!.id, due[2]!.id, due[0]!.id],
      );
      assert.equal((await store.listDuePayouts(100_000, 1)).length, 1);
    },
  ],
  [
    "markPayoutForReview takes an unsettled payout off the list once",
    async (store) => {
      const payout = sample({ status: "sent", nextCheckAt: 1 });
      const paid = sample({ status: "paid" });
      await store.insertPayout(payout);
      await store.insertPayout(paid);
      const marks = await Promise.all(
        Array.from({ length: 10 }, () => store.markPayoutForReview(payout.id, 5_000)),
      );
      assert.equal(marks.filter(Boolean).length, 1);
      assert.deepEqual(await store.getPayout(payout.id), {
        ...payout,
        reviewAt: 5_000,
        nextCheckAt: null,
        updatedAt: 5_000,
      });
      assert.equal(await store.markPayoutForReview(paid.id, 5_000), false, "settled");
      assert.ok(!(await store.listDuePayouts(10_000, 10_000)).some((p) => p.id === payout.id));
    },
  ],
];

const refunds: Array<[string, Check]> = [
  [
    "insertRefund reserves the amount on the paid payment, refuses more than was paid",
    async (store) => {
      const payment = await paidPayment(store, 10_000);
      const first = sample({ refundOf: payment.id, amount: 6_000 });
      assert.equal(await store.insertRefund(first), "inserted");
      assert.equal((await store.get(payment.id))?.refunded, 6_000);
      assert.deepEqual(await store.getPayout(first.id), first);
      assert.equal(await store.insertRefund({ ...first }), "exists");
      const tooMuch = sample({ refundOf: payment.id, amount: 4_001 });
      assert.equal(await store.insertRefund(tooMuch), "exceeds");
      assert.equal(await store.getPayout(tooMuch.id), null, "nothing saved");
      assert.equal(
        await store.insertRefund(sample({ refundOf: payment.id, amount: 4_000 })),
        "inserted",
      );
      assert.equal((await store.get(payment.id))?.refunded, 10_000);
      const pending = newPayment({
        orderId: "o",
        amount: 500,
        description: "d",
        now: 1,
        firstCheckAt: 2,
      });
      await store.insert(pending);
      assert.equal(
        await store.insertRefund(sample({ refundOf: pending.id, amount: 100 })),
        "exceeds",
      );
    },
  ],
  [
    "concurrent refunds never reserve more than the payment's amount",
    async (store) => {
      const payment = await paidPayment(store, 10_000);
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          store.insertRefund(sample({ refundOf: payment.id, amount: 3_000 })),
        ),
      );
      assert.equal(results.filter((r) => r === "inserted").length, 3);
      assert.equal((await store.get(payment.id))?.refunded, 9_000);
      const same = sample({ refundOf: payment.id, amount: 1_000 });
      const twice = await Promise.all(
        Array.from({ length: 8 }, () => store.insertRefund({ ...same })),
      );
      assert.deepEqual(twice.filter((r) => r === "inserted").length, 1);
      assert.ok(twice.every((r) => r === "inserted" || r === "exists"));
      assert.equal((await store.get(payment.id))?.refunded, 10_000);
    },
  ],
  [
    "releaseRefund gives a failed refund's amount back once",
    async (store) => {
      const payment = await paidPayment(store, 10_000);
      const refund = sample({ refundOf: payment.id, amount: 7_000 });
      await store.insertRefund(refund);
      assert.equal(await store.releaseRefund(refund.id), false, "not failed");
      await store.transitionPayout(refund.id, "pending", "failed");
      const releases = await Promise.all(
        Array.from({ length: 10 }, () => store.releaseRefund(refund.id)),
      );
      assert.equal(releases.filter(Boolean).length, 1);
      assert.equal((await store.get(payment.id))?.refunded, 0);
      assert.equal((await store.getPayout(refund.id))?.refundReleased, true);
      const plain = sample({ status: "failed" });
      await store.insertPayout(plain);
      assert.equal(await store.releaseRefund(plain.id), false, "not a refund");
    },
  ],
];

const hooks: Array<[string, Check]> = [
  [
    "the payout hook lease: one holder, settled payouts only, store-timed, completed once",
    async (store) => {
      const payout = sample({ status: "sent" });
      await store.insertPayout(payout);
      assert.equal(await store.claimPayoutHook(payout.id, "a", 60_000), false, "not settled");
      await store.transitionPayout(payout.id, "sent", "paid");
      const before = await store.now();
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.claimPayoutHook(payout.id, `t${i}`, 60_000)),
      );
      assert.equal(claims.filter(Boolean).length, 1);
      const held = await store.getPayout(payout.id);
      assert.ok(held!.claimedUntil! >= before + 60_000);
      assert.ok(held!.claimedUntil! <= (await store.now()) + 60_000);
      assert.ok(!(await store.listUnsettledPayoutHooks(10_000)).some((p) => p.id === payout.id));
      await store.completePayoutHook(payout.id, "done");
      await store.completePayoutHook(payout.id, "skipped");
      const read = await store.getPayout(payout.id);
      assert.equal(read?.fulfilment, "done");
      assert.equal(read?.claimToken, null);
      assert.equal(await store.claimPayoutHook(payout.id, "b", 60_000), false, "done for good");
    },
  ],
  [
    "only the payout hook's holder renews or releases it; a release holds retries back",
    async (store) => {
      const payout = sample({ status: "failed" });
      await store.insertPayout(payout);
      const listed = async () =>
        (await store.listUnsettledPayoutHooks(10_000)).some((p) => p.id === payout.id);
      assert.equal(await listed(), true);
      assert.equal(await store.claimPayoutHook(payout.id, "first", 0), true);
      assert.equal(await store.renewPayoutHook(payout.id, "first", 60_000), true);
      assert.equal(await store.claimPayoutHook(payout.id, "second", 60_000), false);
      assert.equal(await store.renewPayoutHook(payout.id, "first", 0), true);
      assert.equal(await store.claimPayoutHook(payout.id, "second", 60_000), true, "expired");
      assert.equal(await store.renewPayoutHook(payout.id, "first", 60_000), false);
      await store.releasePayoutHook(payout.id, "first", "stale", 0);
      assert.equal((await store.getPayout(payout.id))?.claimToken, "second");
      await store.releasePayoutHook(payout.id, "second", "hook threw", 60_000);
      const read = await store.getPayout(payout.id);
      assert.equal(read?.fulfilAttempts, 1);
      assert.equal(read?.lastError, "hook threw");
      assert.equal(await listed(), false, "backoff");
      assert.equal(await store.claimPayoutHook(payout.id, "third", 60_000), false);
    },
  ],
];

/**
 * The checks every store that keeps payouts must pass (beside `paymentStoreConformance`), with
 * no test framework: insert-if-absent under concurrency, compare-and-set transitions, refunds
 * that never reserve more than was paid, review marks and the hook lease.
 *
 * @example
 * for (const check of payoutStoreConformance(() => new MyStore())) it(check.name, check.run);
 */
export function payoutStoreConformance(
  createStore: () => LigdicashStore | Promise<LigdicashStore>,
): ConformanceCase[] {
  return [...basics, ...refunds, ...hooks].map(([name, body]) => ({
    name: `payouts: ${name}`,
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

function randomId(): string {
  return `po_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

function sample(overrides: Partial<Payout> = {}): Payout {
  const payout = newPayout({
    id: randomId(),
    amount: 5_000,
    method: "mobile_money",
    beneficiary: "22670000000",
    country: "BF",
    operatorHint: "MOOV AFRICA BURKINA",
    description: "Refund",
    now: 1_000,
    staleAt: 61_000,
  });
  return { ...payout, ...overrides };
}

async function paidPayment(store: LigdicashStore, amount: number) {
  const payment = {
    ...newPayment({
      orderId: `order_${randomId()}`,
      amount,
      description: "d",
      now: 1,
      firstCheckAt: 2,
    }),
    status: "paid" as const,
    payer: "22676275726",
  };
  await store.insert(payment);
  return payment;
}
