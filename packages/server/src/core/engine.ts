import {
  createLigdicashClient,
  type Confirmation,
  type LigdicashClient,
} from "../ligdicash/client.js";
import { Coalescer } from "./coalesce.js";
import type { Config } from "./config.js";
import { toLigdicashError } from "./errors.js";
import { createFulfiller } from "./fulfil.js";
import type { FailureReason, Payment, PaymentStatus } from "./payment.js";

/**
 * The payment state machine: re-confirm with LigdiCash, move `pending → paid | failed` by
 * compare-and-set, then run the shop's hook once. Routes and the reconciler only call into this.
 */
export interface Engine<Context = unknown> {
  config: Config<Context>;
  client: LigdicashClient;
  now: () => number;
  /** Re-confirms a pending payment (sharing calls made since `notBefore`) and settles it. */
  refresh(payment: Payment, notBefore: number): Promise<PaymentStatus>;
  /** Runs `onPaid` / `onFailed` for a terminal payment unless done or running elsewhere. */
  fulfil(payment: Payment): Promise<void>;
  /** When the reconciler should next re-confirm a payment checked `count` times. */
  nextCheckAt(count: number, now: number): number;
}

export function createEngine<Context>(
  config: Config<Context>,
  now: () => number = Date.now,
): Engine<Context> {
  const { storage: store, log } = config;
  const client = createLigdicashClient({
    apiUrl: config.apiUrl,
    apiKey: config.apiKey,
    authToken: config.authToken,
    fetch: config.fetch,
    createTimeoutMs: config.timeouts.createMs,
    confirmTimeoutMs: config.timeouts.confirmMs,
  });
  const confirms = new Coalescer<PaymentStatus>(now);
  const fulfil = createFulfiller(config, now);

  function nextCheckAt(count: number, at: number): number {
    const { firstCheckAfterMs, maxBackoffMs } = config.reconcile;
    const wait = Math.min(firstCheckAfterMs * 2 ** Math.min(count, 20), maxBackoffMs);
    return at + Math.round(wait * (0.9 + Math.random() * 0.2));
  }

  /** Records a confirm that settled nothing, and when the reconciler should try again. */
  async function stayPending(payment: Payment, lastError?: string): Promise<"pending"> {
    const at = now();
    await store.patch(payment.id, {
      checkedAt: at,
      checkCount: payment.checkCount + 1,
      nextCheckAt: nextCheckAt(payment.checkCount + 1, at),
      updatedAt: at,
      ...(lastError === undefined ? {} : { lastError }),
    });
    return "pending";
  }

  async function confirmAndSettle(payment: Payment): Promise<PaymentStatus> {
    const token = payment.invoiceToken;
    if (token === null) return payment.status;
    let confirmation: Confirmation;
    try {
      confirmation = await client.confirmInvoice(token);
    } catch (cause) {
      const error = toLigdicashError(cause);
      log.warn(
        { paymentId: payment.id, code: error.code, providerCode: error.providerCode, err: error },
        "confirm failed; payment stays pending",
      );
      return stayPending(payment, error.code);
    }
    if (confirmation.status === "pending") return stayPending(payment);
    if (confirmation.status === "paid" && confirmation.amount === null) {
      // Completed but without an amount: nothing to check it against. Not definitive either way.
      log.error(
        { paymentId: payment.id, orderId: payment.orderId },
        "LigdiCash confirmed the payment without an amount: it stays pending, needs review",
      );
      return stayPending(payment, "LIGDICASH_BAD_RESPONSE");
    }
    const at = now();
    const reason = confirmation.status === "failed" ? "declined" : mismatch(payment, confirmation);
    const target: PaymentStatus = reason === null ? "paid" : "failed";
    const won = await store.transition(payment.id, "pending", target, {
      checkedAt: at,
      checkCount: payment.checkCount + 1,
      updatedAt: at,
      nextCheckAt: null,
      failureReason: reason,
      operator: confirmation.operator,
    });
    if (won) {
      const details = {
        paymentId: payment.id,
        orderId: payment.orderId,
        amount: confirmation.amount,
      };
      if (reason === "amount_mismatch" || reason === "transaction_mismatch") {
        log.error(
          { ...details, expected: payment.amount, currency: confirmation.currency, reason },
          "LigdiCash confirmed a payment that does not match: not fulfilled, needs review",
        );
      } else {
        log.info({ ...details, status: target }, `payment ${target}`);
      }
    }
    const current = await store.get(payment.id);
    if (current && current.status !== "pending") await fulfil(current);
    return current?.status ?? target;
  }

  /**
   * Confirms calls for one payment are spaced by `recheckIntervalMs` (from the last one, in any
   * process): anyone can post a callback, and LigdiCash rate-limits the shop's key. A caller that
   * must wait is not dropped; it gets the next confirm.
   */
  async function spacedConfirm(
    id: string,
    fallback: Payment,
    begin: () => void,
  ): Promise<PaymentStatus> {
    let fresh = (await store.get(id)) ?? fallback;
    const wait = (fresh.checkedAt ?? Number.NEGATIVE_INFINITY) + config.recheckIntervalMs - now();
    if (fresh.status === "pending" && wait > 0) {
      await sleep(wait);
      fresh = (await store.get(id)) ?? fresh;
    }
    // Callers that arrived during the wait share this confirm: it starts only now.
    begin();
    // Another process may have settled it since the caller read it.
    return fresh.status === "pending" ? confirmAndSettle(fresh) : fresh.status;
  }

  return {
    config,
    client,
    now,
    nextCheckAt,
    fulfil,
    refresh: (payment, notBefore) =>
      confirms.run(payment.id, notBefore, (begin) => spacedConfirm(payment.id, payment, begin)),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Why a `completed` confirmation must not pay this payment, or null when everything matches. */
function mismatch(payment: Payment, confirmation: Confirmation): FailureReason | null {
  if (confirmation.amount !== payment.amount) return "amount_mismatch";
  if (confirmation.currency !== null && confirmation.currency.toUpperCase() !== payment.currency) {
    return "amount_mismatch";
  }
  if (confirmation.transactionId !== null && confirmation.transactionId !== payment.id) {
    return "transaction_mismatch";
  }
  return null;
}
