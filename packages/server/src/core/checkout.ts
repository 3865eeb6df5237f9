import * as v from "valibot";
import { Coalescer } from "./coalesce.js";
import type { Engine } from "./engine.js";
import { LigdicashError, toLigdicashError } from "./errors.js";
import { validateOrder, type ValidOrder } from "./order.js";
import { newPayment, type Payment } from "../model/payment.js";

/** An invoice this close to its expiry is not handed out again. */
const REUSE_MARGIN_MS = 10 * 60_000;
const DEFAULT_INVOICE_LIFETIME_MS = 24 * 3_600_000;

export const PayRequest = v.object(
  {
    orderId: v.pipe(
      v.string("orderId must be a string"),
      v.trim(),
      v.minLength(1, "orderId is missing"),
      v.maxLength(128, "orderId is too long"),
      v.regex(/^\P{Cc}+$/u, "orderId has control characters"),
    ),
  },
  'The body must be a JSON object like {"orderId":"…"}.',
);

export interface Checkout {
  orderId: string;
  payUrl: string;
  status: "pending";
}

/**
 * `POST /pay`: the amount comes from `getOrder`, never from the request, and `getOrder` runs for
 * every request (it is where the shop checks who may pay what). A second click while an unexpired
 * invoice of the same amount is pending returns the same payment URL; concurrent clicks in one
 * process share one invoice.
 */
export function createCheckout<Context>(engine: Engine<Context>) {
  const inFlight = new Coalescer<Checkout>();
  return async (orderId: string, context: Context): Promise<Checkout> => {
    const found = await engine.config.hooks.getOrder(orderId, context);
    if (found === null || found === undefined) {
      throw new LigdicashError("ORDER_NOT_FOUND", "This order does not exist.");
    }
    const order = validateOrder(orderId, found);
    return inFlight.run(`${orderId}\u0000${order.amount}`, Number.NEGATIVE_INFINITY, () =>
      checkout(engine, orderId, order),
    );
  };
}

async function checkout<Context>(
  engine: Engine<Context>,
  orderId: string,
  order: ValidOrder,
): Promise<Checkout> {
  const { config, now } = engine;
  const store = config.storage;
  // The amount is recorded before any invoice exists: from now on only an attempt at this amount
  // can pay the order, so an older invoice the shopper still holds can never settle it.
  const record = await store.expectOrder(orderId, order.amount);
  const attempts = await store.listByOrder(orderId);
  if (
    record.paidBy !== null ||
    attempts.some((p) => p.status === "paid" && p.amount === order.amount)
  ) {
    throw new LigdicashError("ALREADY_PAID", "This order is already paid.");
  }
  const reusable = attempts.find((p) => isReusable(p, order.amount, now()));
  if (reusable?.payUrl) return { orderId, payUrl: reusable.payUrl, status: "pending" };

  const at = now();
  const payment = newPayment({
    orderId,
    amount: order.amount,
    description: order.description,
    now: at,
    firstCheckAt: at + config.reconcile.firstCheckAfterMs,
  });
  // Saved before LigdiCash hears of it, so that no callback can name an attempt we do not know.
  await store.insert(payment);
  const returnUrl = `${config.storefrontUrl}${config.returnPath}?order=${encodeURIComponent(orderId)}`;
  try {
    const invoice = await engine.client.createInvoice({
      transactionId: payment.id,
      orderId,
      amount: order.amount,
      description: order.description,
      items: order.items,
      customer: order.customer ?? {},
      store: config.shop,
      urls: {
        callback: `${config.publicUrl}${config.basePath}/callback`,
        return: returnUrl,
        cancel: `${returnUrl}&cancelled=1`,
      },
    });
    await store.patch(payment.id, {
      invoiceToken: invoice.token,
      payUrl: invoice.payUrl,
      invoiceExpiresAt: invoice.expiresAt ?? at + DEFAULT_INVOICE_LIFETIME_MS,
      updatedAt: now(),
    });
    config.log.info({ paymentId: payment.id, orderId, amount: order.amount }, "invoice created");
    return { orderId, payUrl: invoice.payUrl, status: "pending" };
  } catch (cause) {
    const error = toLigdicashError(cause);
    config.log.error(
      {
        paymentId: payment.id,
        orderId,
        code: error.code,
        providerCode: error.providerCode,
        err: error,
      },
      "LigdiCash did not create the invoice",
    );
    // No invoice means nothing to pay or confirm: close the attempt without calling onFailed.
    const closed = await store.transition(payment.id, "pending", "failed", {
      failureReason: "invoice_not_created",
      lastError: error.code,
      nextCheckAt: null,
      fulfilment: "skipped",
      fulfilledAt: now(),
    });
    if (closed) engine.changes.transitioned(orderId);
    throw error;
  }
}

function isReusable(payment: Payment, amount: number, at: number): boolean {
  return (
    payment.status === "pending" &&
    payment.payUrl !== null &&
    payment.amount === amount &&
    (payment.invoiceExpiresAt ?? 0) - REUSE_MARGIN_MS > at
  );
}
