import { randomBytes } from "node:crypto";
import type { Config } from "./config.js";
import { toPaymentInfo, type Fulfilment, type Payment } from "./payment.js";

/**
 * Runs the shop's hook for a terminal payment, at most once at a time across processes:
 * `onPaid` for the attempt that owns the order, `onDuplicatePayment` for a second paid attempt,
 * `onFailed` for a failed attempt of an order nobody paid. The holder renews its lease while the
 * hook runs; a hook that throws (or outlives `hookTimeoutMs`) is retried later, with backoff.
 */
export function createFulfiller(config: Config<never>, now: () => number) {
  const { storage: store, log, hooks } = config;
  const { hookLeaseMs, hookTimeoutMs } = config.reconcile;

  async function choose(payment: Payment): Promise<[Fulfilment, Payment["status"] | "duplicate"]> {
    if (payment.status === "paid") {
      const owner = await store.claimOrder(payment.orderId, payment.id);
      return owner === payment.id ? ["done", "paid"] : ["duplicate", "duplicate"];
    }
    // A declined attempt of an order another attempt paid: telling the shop "failed" would hurt.
    const attempts = await store.listByOrder(payment.orderId);
    return attempts.some((p) => p.status === "paid") ? ["skipped", "failed"] : ["done", "failed"];
  }

  /** Hooks are retried on the same schedule as re-checks: firstCheckAfterMs, doubling, capped. */
  function retryTime(attempts: number): number {
    const { firstCheckAfterMs, maxBackoffMs } = config.reconcile;
    return now() + Math.min(firstCheckAfterMs * 2 ** Math.min(attempts, 20), maxBackoffMs);
  }

  return async function fulfil(payment: Payment): Promise<void> {
    if (payment.status === "pending" || payment.fulfilment !== null) return;
    const [outcome, kind] = await choose(payment);
    const token = randomBytes(12).toString("base64url");
    if (!(await store.claimFulfilment(payment.id, token, now(), now() + hookLeaseMs))) return;
    const hook =
      outcome === "skipped"
        ? undefined
        : kind === "paid"
          ? hooks.onPaid
          : kind === "duplicate"
            ? hooks.onDuplicatePayment
            : hooks.onFailed;
    const context = { paymentId: payment.id, orderId: payment.orderId, amount: payment.amount };
    if (kind === "duplicate") {
      log.error(
        context,
        "order was already paid by another payment: this one is not fulfilled and should be refunded",
      );
    }
    const renewal = setInterval(
      () => {
        store.renewFulfilment(payment.id, token, now() + hookLeaseMs).then(
          (held) => held || log.warn(context, "lost the hook lease while the hook was running"),
          (error: unknown) =>
            log.warn({ ...context, err: error }, "could not renew the hook lease"),
        );
      },
      Math.max(250, Math.floor(hookLeaseMs / 3)),
    );
    renewal.unref();
    try {
      if (hook) await withTimeout(Promise.resolve(hook(toPaymentInfo(payment))), hookTimeoutMs);
      await store.completeFulfilment(
        payment.id,
        now(),
        hook || outcome !== "done" ? outcome : "skipped",
      );
    } catch (cause) {
      const error = cause instanceof Error ? cause : new Error(String(cause));
      const retryAt = retryTime(payment.fulfilAttempts);
      log.error(
        { ...context, err: error, retryAt: new Date(retryAt).toISOString() },
        "payment hook failed; it will be retried",
      );
      await store.releaseFulfilment(payment.id, token, error.message.slice(0, 500), now(), retryAt);
    } finally {
      clearInterval(renewal);
    }
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the hook did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
