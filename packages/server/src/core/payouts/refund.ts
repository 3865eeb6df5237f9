import type { Payment } from "../../model/payment.js";
import { newPayout, type PayoutInfo } from "../../model/payout.js";
import { maskPhone, normalisePhone } from "../../payouts/phone.js";
import { LigdicashError } from "../errors.js";
import { info, type PayoutContext } from "./context.js";
import { parseRefundOptions } from "./input.js";
import { assertSameRequest, type Sender } from "./send.js";

/**
 * `refund(orderId, { reason, amount?, id? })`: a payout to the number that paid the order, by the
 * method given (mobile money by default). The amount is reserved on the paid payment's `refunded`
 * total in the same atomic step that stores the refund, so concurrent refunds never exceed what
 * was paid; a refund that fails for good gives its amount back. Exactly once per refund id.
 */
export function createRefunder(ctx: PayoutContext, sender: Sender) {
  const { store, now, log } = ctx;

  async function paidPayment(orderId: string): Promise<Payment> {
    const order = await store.getOrder(orderId);
    const payment = order?.paidBy ? await store.get(order.paidBy) : null;
    if (payment?.status !== "paid") {
      throw new LigdicashError(
        "ORDER_NOT_PAID",
        `Order "${orderId}" has no paid payment to refund.`,
      );
    }
    return payment;
  }

  return async function refund(orderId: string, raw: unknown): Promise<PayoutInfo> {
    const options = parseRefundOptions(raw);
    const payment = await paidPayment(orderId);
    const id = options.id ?? `rf_${payment.id}`;
    const known = await store.getPayout(id);
    if (known) {
      const asked = { ...known, refundOf: payment.id, amount: options.amount ?? known.amount };
      assertSameRequest(known, asked);
      return info(await sender.outcomeOf(id));
    }
    const rest = payment.amount - payment.refunded;
    const amount = options.amount ?? rest;
    if (rest <= 0 || amount > rest) throw exceeds(orderId, payment, amount);
    if (payment.payer === null) {
      throw new LigdicashError(
        "PAYER_UNKNOWN",
        `LigdiCash's confirm of order "${orderId}" named no payer number, so it cannot be refunded automatically: send a payout to the payer with payouts.send.`,
      );
    }
    const phone = normalisePhone(payment.payer);
    const at = now();
    const payout = newPayout({
      id,
      amount,
      method: options.method ?? "mobile_money",
      beneficiary: phone.number,
      country: phone.country,
      operatorHint: payment.operator ?? phone.operator?.name ?? null,
      description: `Refund for order ${orderId}`.slice(0, 255),
      orderId,
      refundOf: payment.id,
      reason: options.reason,
      now: at,
      staleAt: (await store.now()) + ctx.staleAfterMs,
    });
    const saved = await store.insertRefund(payout);
    if (saved === "exceeds")
      throw exceeds(orderId, (await store.get(payment.id)) ?? payment, amount);
    if (saved === "exists") {
      const existing = await sender.outcomeOf(id);
      assertSameRequest(existing, payout);
      return info(existing);
    }
    log.info(
      { payoutId: id, orderId, paymentId: payment.id, amount, to: maskPhone(phone.number) },
      "refund reserved on the payment; sending it",
    );
    return info(await sender.start(payout));
  };
}

function exceeds(orderId: string, payment: Payment, amount: number): LigdicashError {
  const rest = Math.max(0, payment.amount - payment.refunded);
  return new LigdicashError(
    "REFUND_EXCEEDS_PAID",
    rest === 0
      ? `Order "${orderId}" is already refunded in full (${payment.refunded} XOF, or being refunded).`
      : `A refund of ${amount} XOF exceeds what order "${orderId}" can still be refunded: ${rest} of ${payment.amount} XOF.`,
  );
}
