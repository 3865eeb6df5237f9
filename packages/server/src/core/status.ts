import type { OrderRecord } from "../model/order.js";
import type { Payment, PaymentStatus } from "../model/payment.js";
import type { Engine } from "./engine.js";
import { LigdicashError } from "./errors.js";

/** An attempt whose invoice never came back is given up as a status after this long. */
const CREATE_GRACE_MS = 60_000;

/**
 * `GET /status/:orderId`: the order's status from every attempt. Every live attempt (pending, with
 * an invoice the shopper may still pay) is re-confirmed with LigdiCash at most once per
 * `recheckIntervalMs`; concurrent polls share the call.
 */
export async function readStatus<C>(engine: Engine<C>, orderId: string): Promise<PaymentStatus> {
  const { config, now } = engine;
  const store = config.storage;
  const [attempts, order] = await Promise.all([
    store.listByOrder(orderId),
    store.getOrder(orderId),
  ]);
  if (attempts.length === 0) {
    throw new LigdicashError("ORDER_NOT_FOUND", "No payment was started for this order.");
  }
  const status = orderStatus(order, attempts, now());
  if (status !== "pending") return status;
  const freshSince = now() - config.recheckIntervalMs;
  const stale = attempts.filter(
    (p) =>
      p.status === "pending" &&
      p.invoiceToken !== null &&
      (p.checkedAt === null || p.checkedAt <= freshSince),
  );
  if (stale.length === 0) return status;
  await Promise.all(stale.map((p) => engine.refresh(p, freshSince, "poll")));
  const [after, orderAfter] = await Promise.all([
    store.listByOrder(orderId),
    store.getOrder(orderId),
  ]);
  return orderStatus(orderAfter, after, now());
}

/** The order's status as the store has it now, with no call to LigdiCash (a waiting request's re-read). */
export async function storedStatus<C>(engine: Engine<C>, orderId: string): Promise<PaymentStatus> {
  const store = engine.config.storage;
  const [attempts, order] = await Promise.all([
    store.listByOrder(orderId),
    store.getOrder(orderId),
  ]);
  return orderStatus(order, attempts, engine.now());
}

/**
 * What the shopper is told: `paid` once an attempt paid the order (or a paid attempt is at the
 * order's amount and about to claim it); `pending` while any attempt can still be paid (an older
 * invoice counts, even if the newest could not be made); `failed` when none can.
 */
export function orderStatus(
  order: OrderRecord | null,
  attempts: readonly Payment[],
  now: number,
): PaymentStatus {
  if (order?.paidBy) return "paid";
  const expected = order?.amount ?? null;
  if (attempts.some((p) => p.status === "paid" && (expected === null || p.amount === expected))) {
    return "paid";
  }
  const live = attempts.some(
    (p) =>
      p.status === "pending" && (p.invoiceToken !== null || p.createdAt > now - CREATE_GRACE_MS),
  );
  return live ? "pending" : "failed";
}
