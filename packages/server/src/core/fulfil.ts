import {
  randomToken,
  toPaymentInfo,
  type Fulfilment,
  type HookContext,
  type Payment,
  type PaymentInfo,
  type RefundReason,
} from "../model/payment.js";
import type { Config } from "./config.js";
import { every, sleep, type Timers } from "./timers.js";

type Hook = (payment: PaymentInfo, context: HookContext) => unknown;

/** Which hook a terminal payment gets, and what its completion records. */
interface Plan {
  outcome: Fulfilment;
  name: "onPaid" | "onFailed" | "onRefundNeeded" | null;
  hook: Hook | undefined;
  refundReason: RefundReason | null;
}

/** The hook runner: `fulfil(payment)` and the hooks running in this process. */
export interface Fulfiller {
  /**
   * Runs the hook a terminal payment is due, at most once at a time across processes; resolves
   * when it has run (or was not this caller's to run). A call for a payment whose hook already
   * runs in this process joins it.
   */
  fulfil(payment: Payment): Promise<void>;
  /** Aborts the signal of every hook running here (shutdown gave up waiting for them). */
  abortAll(reason: string): void;
}

/**
 * `onPaid` for the attempt that pays the order; `onRefundNeeded` for money that moved but must not
 * fulfil it (a second paid attempt, an attempt for an older amount, a confirm at another amount);
 * `onFailed` for a declined attempt of an order nobody paid. The holder renews its lease until the
 * hook's promise settles, however long that takes: a hook never runs beside itself. Past
 * `hookTimeoutMs` its AbortSignal fires and an error is logged; a hook that throws is retried
 * later, with backoff.
 */
export function createFulfiller(config: Config<never>, timers: Timers): Fulfiller {
  const { storage: store, log, hooks } = config;
  const { hookLeaseMs, hookTimeoutMs } = config.reconcile;
  const running = new Map<string, { promise: Promise<void>; controller: AbortController }>();

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

  /** Hooks are retried on the same schedule as re-checks: firstCheckAfterMs, doubling, capped. */
  function retryDelay(attempts: number): number {
    const { firstCheckAfterMs, maxBackoffMs } = config.reconcile;
    return Math.min(firstCheckAfterMs * 2 ** Math.min(attempts, 20), maxBackoffMs);
  }

  async function runHeld(
    payment: Payment,
    steps: Plan,
    token: string,
    controller: AbortController,
  ) {
    const context = { paymentId: payment.id, orderId: payment.orderId, amount: payment.amount };
    if (steps.outcome === "refund") {
      log.error(
        { ...context, reason: steps.refundReason },
        steps.hook
          ? "money was taken that must not fulfil the order: onRefundNeeded is told, refund it"
          : "money was taken that must not fulfil the order, and no onRefundNeeded hook is set: refund it by hand",
      );
    }
    const stopRenewing = every(timers, Math.max(250, Math.floor(hookLeaseMs / 3)), () => {
      store.renewFulfilment(payment.id, token, hookLeaseMs).then(
        (held) => held || log.warn(context, "lost the hook lease while the hook was running"),
        (error: unknown) => log.warn({ ...context, err: error }, "could not renew the hook lease"),
      );
    });
    const alarm = timers.setTimeout(() => {
      controller.abort(new Error(`${steps.name} did not finish within ${hookTimeoutMs} ms`));
      log.error(
        { ...context, hook: steps.name, timeoutMs: hookTimeoutMs },
        `${steps.name} is still running after ${hookTimeoutMs} ms: its AbortSignal fired; it is not started again while it runs`,
      );
    }, hookTimeoutMs);
    try {
      if (steps.hook) {
        await steps.hook(toPaymentInfo(payment, steps.refundReason), {
          signal: controller.signal,
        });
      }
    } catch (cause) {
      const error = cause instanceof Error ? cause : new Error(String(cause));
      const retryAfterMs = retryDelay(payment.fulfilAttempts);
      const retryAt = new Date(timers.now() + retryAfterMs).toISOString();
      log.error(
        { ...context, hook: steps.name, err: error, retryAt },
        `${steps.name} failed; it will be retried`,
      );
      await store
        .releaseFulfilment(payment.id, token, error.message.slice(0, 500), retryAfterMs)
        .catch((e: unknown) =>
          log.warn({ ...context, err: e }, "could not record the hook failure"),
        );
      return;
    } finally {
      timers.clearTimeout(alarm);
      stopRenewing();
    }
    const outcome = steps.hook || steps.outcome !== "done" ? steps.outcome : "skipped";
    await completeWithRetries(payment.id, steps.hook ? outcome : "skipped", context);
  }

  /** The hook ran: its completion must be saved, or it would run again once the lease expires. */
  async function completeWithRetries(
    id: string,
    outcome: Fulfilment,
    context: Record<string, unknown>,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await store.completeFulfilment(id, outcome);
      } catch (error) {
        if (attempt >= 3) {
          log.error(
            { ...context, err: error },
            "the hook ran but its completion could not be saved: it may run again once its lease expires",
          );
          return;
        }
        await sleep(timers, 200 * 2 ** attempt);
      }
    }
  }

  async function fulfil(payment: Payment): Promise<void> {
    if (payment.status === "pending" || payment.fulfilment !== null) return;
    const current = running.get(payment.id);
    if (current) return current.promise;
    const steps = await plan(payment);
    const token = randomToken(12);
    if (!(await store.claimFulfilment(payment.id, token, hookLeaseMs))) return;
    const controller = new AbortController();
    const promise = runHeld(payment, steps, token, controller).finally(() =>
      running.delete(payment.id),
    );
    running.set(payment.id, { promise, controller });
    return promise;
  }

  return {
    fulfil,
    abortAll(reason) {
      for (const { controller } of running.values()) controller.abort(new Error(reason));
    },
  };
}
