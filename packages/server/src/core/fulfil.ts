import {
  toPaymentInfo,
  type Fulfilment,
  type HookContext,
  type Payment,
  type PaymentInfo,
  type RefundReason,
} from "../model/payment.js";
import type { Config } from "./config.js";
import type { HookJob, HookLease, HookRunner } from "./hook-runner.js";

type Hook = (payment: PaymentInfo, context: HookContext) => unknown;

/** Which hook a terminal payment gets, and what its completion records. */
interface Plan {
  outcome: Fulfilment;
  name: "onPaid" | "onFailed" | "onRefundNeeded" | null;
  hook: Hook | undefined;
  refundReason: RefundReason | null;
}

/** The payments' side of the hook runner. */
export interface Fulfiller {
  /**
   * Runs the hook a terminal payment is due, at most once at a time across processes; resolves
   * when it has run (or was not this caller's to run). A call for a payment whose hook already
   * runs in this process joins it.
   */
  fulfil(payment: Payment): Promise<void>;
}

/**
 * `onPaid` for the attempt that pays the order; `onRefundNeeded` for money that moved but must not
 * fulfil it (a second paid attempt, an attempt for an older amount, a confirm at another amount);
 * `onFailed` for a declined attempt of an order nobody paid. Run by the shared hook runner
 * (lease, renewal, AbortSignal past `hookTimeoutMs`, retries with backoff).
 */
export function createFulfiller(config: Config<never>, runner: HookRunner): Fulfiller {
  const { storage: store, log, hooks } = config;

  async function plan(payment: Payment): Promise<Plan> {
    const refund = (refundReason: RefundReason): Plan => ({
      outcome: "refund",
      name: "onRefundNeeded",
      hook: hooks.onRefundNeeded ?? hooks.onDuplicatePayment,
      refundReason,
    });
    if (payment.status === "paid") {
      const order = await store.claimOrder(payment.orderId, payment.id, payment.amount);
      if (order.paidBy === payment.id) {
        return { outcome: "done", name: "onPaid", hook: hooks.onPaid, refundReason: null };
      }
      return refund(order.paidBy === null ? "superseded" : "duplicate");
    }
    if (payment.failureReason === "amount_mismatch") return refund("amount_mismatch");
    if (payment.failureReason === "transaction_mismatch") return refund("transaction_mismatch");
    // A declined attempt of an order another attempt paid (or is about to claim, at the order's
    // amount): telling the shop "failed" would hurt.
    const order = await store.getOrder(payment.orderId);
    const attempts = order?.paidBy ? [] : await store.listByOrder(payment.orderId);
    const expected = order?.amount ?? null;
    const paid = attempts.some(
      (p) => p.status === "paid" && (expected === null || p.amount === expected),
    );
    if (order?.paidBy || paid) {
      return { outcome: "skipped", name: null, hook: undefined, refundReason: null };
    }
    return { outcome: "done", name: "onFailed", hook: hooks.onFailed as Hook, refundReason: null };
  }

  /** The claim on a payment's hook, in the store's words. */
  function lease(id: string): HookLease<Fulfilment> {
    return {
      claim: (token, ms) => store.claimFulfilment(id, token, ms),
      renew: (token, ms) => store.renewFulfilment(id, token, ms),
      release: (token, error, retryAfterMs) =>
        store.releaseFulfilment(id, token, error, retryAfterMs),
      complete: (outcome) => store.completeFulfilment(id, outcome),
    };
  }

  async function job(payment: Payment): Promise<HookJob<Fulfilment>> {
    const steps = await plan(payment);
    const context = { paymentId: payment.id, orderId: payment.orderId, amount: payment.amount };
    const hook = steps.hook;
    return {
      name: steps.name,
      call: hook && ((signal) => hook(toPaymentInfo(payment, steps.refundReason), { signal })),
      outcome: steps.outcome,
      skipped: "skipped",
      failedAttempts: payment.fulfilAttempts,
      context,
      start: () => {
        if (steps.outcome !== "refund") return;
        log.error(
          { ...context, reason: steps.refundReason },
          hook
            ? "money was taken that must not fulfil the order: onRefundNeeded is told, refund it"
            : "money was taken that must not fulfil the order, and no onRefundNeeded hook is set: refund it by hand",
        );
      },
    };
  }

  async function fulfil(payment: Payment): Promise<void> {
    if (payment.status === "pending" || payment.fulfilment !== null) return;
    return runner.run(`payment:${payment.id}`, lease(payment.id), () => job(payment));
  }

  return { fulfil };
}
