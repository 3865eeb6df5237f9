import type { Payment } from "../model/payment.js";
import type { LigdicashError } from "./errors.js";

/** Who asked for a confirm: a shopper's status poll, a LigdiCash callback, or the reconciler. */
export type CheckSource = "poll" | "callback" | "reconcile";

export interface ScheduleSettings {
  firstCheckAfterMs: number;
  maxBackoffMs: number;
}

/**
 * When the reconciler should next confirm a payment that stays pending:
 * - after its own check, with backoff: `firstCheckAfterMs`, doubling, capped at `maxBackoffMs`;
 * - after a poll or a callback, never later than `firstCheckAfterMs` from now (a shopper waiting
 *   or a doorbell ringing says the payment is alive; their checks never push the next one out);
 * - after an outage (timeout, 5xx, malformed answer), `firstCheckAfterMs` from now, not growing,
 *   so that a payment is found soon after LigdiCash answers again;
 * - after a 429, not before LigdiCash's `Retry-After`.
 */
export function nextCheck(
  settings: ScheduleSettings,
  check: { payment: Payment; source: CheckSource; at: number; error?: LigdicashError | undefined },
): number {
  const { firstCheckAfterMs: first, maxBackoffMs } = settings;
  const { payment, source, at, error } = check;
  if (error?.code === "LIGDICASH_RATE_LIMITED") {
    return at + Math.max(error.retryAfterMs ?? 30_000, first);
  }
  if (error !== undefined) return at + jitterDown(first);
  if (source === "reconcile") {
    const wait = Math.min(first * 2 ** Math.min(payment.checkCount + 1, 20), maxBackoffMs);
    return at + Math.round(wait * (0.9 + Math.random() * 0.2));
  }
  const soon = at + jitterDown(first);
  const scheduled = payment.nextCheckAt;
  return scheduled !== null && scheduled > at ? Math.min(scheduled, soon) : soon;
}

/** 90–100 % of `ms`: spreads checks without ever passing the bound. */
function jitterDown(ms: number): number {
  return Math.round(ms * (0.9 + Math.random() * 0.1));
}
