import type { Payment } from "../model/payment.js";
import type { Payout, PayoutHookOutcome, PayoutPatch, PayoutStatus } from "../model/payout.js";
import { payoutHookCompleted, type PayoutQuery, type RefundInsert } from "./store.js";

/**
 * The payouts of `MemoryPaymentStore`, beside its payments (refunds change a payment's
 * `refunded`). Synchronous, so every method is atomic; the store turns throws into rejections.
 */
export class MemoryPayouts {
  readonly #payouts = new Map<string, Payout>();
  readonly #payments: Map<string, Payment>;
  readonly #clock: () => number;

  constructor(payments: Map<string, Payment>, clock: () => number) {
    this.#payments = payments;
    this.#clock = clock;
  }

  insertPayout(payout: Payout): boolean {
    if (this.#payouts.has(payout.id)) return false;
    this.#payouts.set(payout.id, copy(payout));
    return true;
  }

  insertRefund(payout: Payout): RefundInsert {
    if (this.#payouts.has(payout.id)) return "exists";
    const payment = payout.refundOf === null ? undefined : this.#payments.get(payout.refundOf);
    if (payment?.status !== "paid" || payment.refunded + payout.amount > payment.amount) {
      return "exceeds";
    }
    payment.refunded += payout.amount;
    this.#payouts.set(payout.id, copy(payout));
    return "inserted";
  }

  releaseRefund(id: string): boolean {
    const payout = this.#payouts.get(id);
    if (payout?.status !== "failed" || payout.refundReleased || payout.refundOf === null) {
      return false;
    }
    const payment = this.#payments.get(payout.refundOf);
    if (payment) payment.refunded = Math.max(0, payment.refunded - payout.amount);
    payout.refundReleased = true;
    return true;
  }

  getPayout(id: string): Payout | null {
    const payout = this.#payouts.get(id);
    return payout ? copy(payout) : null;
  }

  listPayouts(query: PayoutQuery = {}): Payout[] {
    return this.#select(
      (p) =>
        (query.status === undefined || p.status === query.status) &&
        (query.orderId === undefined || p.orderId === query.orderId),
    )
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .slice(0, query.limit ?? 100);
  }

  patchPayout(id: string, fields: PayoutPatch): void {
    const payout = this.#payouts.get(id);
    if (payout) Object.assign(payout, fields, { updatedAt: fields.updatedAt ?? this.#clock() });
  }

  transitionPayout(
    id: string,
    from: PayoutStatus,
    to: PayoutStatus,
    fields: PayoutPatch = {},
    checkCount?: number,
  ): boolean {
    const payout = this.#payouts.get(id);
    if (payout?.status !== from) return false;
    if (checkCount !== undefined && payout.checkCount !== checkCount) return false;
    Object.assign(payout, fields, { status: to, updatedAt: fields.updatedAt ?? this.#clock() });
    return true;
  }

  markPayoutForReview(id: string, at: number): boolean {
    const payout = this.#payouts.get(id);
    if (!payout || payout.reviewAt !== null || isFinal(payout.status)) return false;
    Object.assign(payout, { reviewAt: at, nextCheckAt: null, updatedAt: at });
    return true;
  }

  listDuePayouts(now: number, limit: number): Payout[] {
    return this.#select((p) => !isFinal(p.status) && p.nextCheckAt !== null && p.nextCheckAt <= now)
      .sort((a, b) => (a.nextCheckAt ?? 0) - (b.nextCheckAt ?? 0))
      .slice(0, limit);
  }

  claimPayoutHook(id: string, token: string, leaseMs: number): boolean {
    const payout = this.#payouts.get(id);
    const now = this.#clock();
    if (!payout || !isClaimable(payout, now)) return false;
    Object.assign(payout, { claimedUntil: now + leaseMs, claimToken: token });
    return true;
  }

  renewPayoutHook(id: string, token: string, leaseMs: number): boolean {
    const payout = this.#payouts.get(id);
    const held = payout?.claimToken === token && payout.fulfilment === null;
    if (held) payout.claimedUntil = this.#clock() + leaseMs;
    return held;
  }

  completePayoutHook(id: string, outcome: PayoutHookOutcome): void {
    const payout = this.#payouts.get(id);
    if (payout?.fulfilment === null) {
      Object.assign(payout, payoutHookCompleted(this.#clock(), outcome));
    }
  }

  releasePayoutHook(id: string, token: string, error: string, retryAfterMs: number): void {
    const payout = this.#payouts.get(id);
    if (payout?.claimToken !== token) return;
    const now = this.#clock();
    Object.assign(payout, {
      claimedUntil: now + retryAfterMs,
      claimToken: null,
      fulfilAttempts: payout.fulfilAttempts + 1,
      lastError: error,
      updatedAt: now,
    });
  }

  listUnsettledPayoutHooks(limit: number): Payout[] {
    const now = this.#clock();
    return this.#select((p) => isClaimable(p, now))
      .sort((a, b) => a.updatedAt - b.updatedAt)
      .slice(0, limit);
  }

  #select(predicate: (payout: Payout) => boolean): Payout[] {
    return [...this.#payouts.values()].filter(predicate).map(copy);
  }
}

function copy(payout: Payout): Payout {
  return { ...payout, metadata: payout.metadata && { ...payout.metadata } };
}

function isFinal(status: PayoutStatus): boolean {
  return status === "paid" || status === "failed";
}

function isClaimable(payout: Payout, now: number): boolean {
  return (
    isFinal(payout.status) &&
    payout.fulfilment === null &&
    (payout.claimedUntil === null || payout.claimedUntil <= now)
  );
}
