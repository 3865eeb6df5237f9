import { callbackStatusHint, callbackTransactionId } from "../ligdicash/callback-payload.js";
import { topLevelTransactionId } from "../ligdicash/payout-callback.js";
import type { Engine } from "./engine.js";
import { LigdicashError } from "./errors.js";
import { isPaymentId } from "../model/payment.js";

/**
 * `POST /callback`: a doorbell, never proof. It only names the attempt; the attempt is then
 * re-confirmed with the token stored at creation. Duplicate and out-of-order callbacks are harmless:
 * the confirm call is shared, the state change is a compare-and-set, the hook is claimed once.
 *
 * LigdiCash waits only a few seconds for the answer, so the receipt is made durable first (the
 * payment marked due for a confirm, in the store), then the route answers, and the confirm and the
 * hook run after. If the process dies in between, the reconciler finds the payment due.
 */
export async function receiveCallback<C>(engine: Engine<C>, body: unknown): Promise<void> {
  const arrivedAt = engine.now();
  const { storage: store, log } = engine.config;
  const transactionId = callbackTransactionId(body);
  if (transactionId === null) {
    // Shaped as a payout callback, naming no payout of ours (the payouts read it first): one made
    // outside the kit with the same API key, or a forgery. Answered as an unknown payment is.
    const payoutId = topLevelTransactionId(body);
    if (payoutId !== null) {
      log.warn(
        { transactionId: payoutId.slice(0, 64) },
        "payout callback for an unknown transaction id ignored",
      );
      throw new LigdicashError("UNKNOWN_TRANSACTION", "No payout has this transaction_id.");
    }
    log.warn({ status: callbackStatusHint(body) }, "callback without a transaction id");
    throw new LigdicashError(
      "MISSING_TRANSACTION_ID",
      "The callback names no transaction_id in custom_data.",
    );
  }
  const payment = isPaymentId(transactionId) ? await store.get(transactionId) : null;
  if (payment === null) {
    log.warn(
      { transactionId: transactionId.slice(0, 64) },
      "callback for an unknown transaction id ignored",
    );
    throw new LigdicashError("UNKNOWN_TRANSACTION", "No payment has this transaction_id.");
  }
  log.debug({ paymentId: payment.id, status: callbackStatusHint(body) }, "callback received");
  if (payment.status !== "pending") {
    engine.background("payment hook", () => engine.fulfil(payment));
    return;
  }
  if (payment.invoiceToken === null) return;
  if (payment.nextCheckAt === null || payment.nextCheckAt > arrivedAt) {
    await store.patch(payment.id, { nextCheckAt: arrivedAt, updatedAt: arrivedAt });
  }
  engine.background("confirm after a callback", () =>
    engine.refresh(payment, arrivedAt, "callback"),
  );
}
