import type { Engine } from "./engine.js";
import { LigdicashError } from "./errors.js";
import { orderStatus, type PaymentStatus } from "./payment.js";

/**
 * `GET /status/:orderId`: the order's status from its attempts. A pending latest attempt is
 * re-confirmed with LigdiCash at most once per `recheckIntervalMs`; concurrent polls share the call.
 */
export async function readStatus<C>(engine: Engine<C>, orderId: string): Promise<PaymentStatus> {
  const { config, now } = engine;
  const attempts = await config.storage.listByOrder(orderId);
  const status = orderStatus(attempts);
  if (status === null)
    throw new LigdicashError("ORDER_NOT_FOUND", "No payment was started for this order.");
  const latest = attempts[0]!;
  if (status !== "pending" || latest.invoiceToken === null) return status;
  const freshSince = now() - config.recheckIntervalMs;
  if (latest.checkedAt !== null && latest.checkedAt > freshSince) return status;
  return engine.refresh(latest, freshSince);
}
