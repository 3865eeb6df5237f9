import type { Fulfilment, Payment, PaymentPatch, PaymentStatus } from "../core/payment.js";

/**
 * The storage contract. Every backend (memory, SQLite, PostgreSQL, Redis, or the shop's own)
 * implements it, and `paymentStoreConformance` checks that it does. Methods that decide money state
 * (`transition`, `claimOrder`, `claimFulfilment`) must be atomic across processes.
 */
export interface PaymentStore {
  /** Saves a new attempt. Rejects if the id exists. */
  insert(payment: Payment): Promise<void>;
  get(id: string): Promise<Payment | null>;
  /** Every attempt of an order, newest first. */
  listByOrder(orderId: string): Promise<Payment[]>;
  /** Changes non-status fields (and `updatedAt`). A no-op for an unknown id. */
  patch(id: string, fields: PaymentPatch): Promise<void>;
  /**
   * Compare-and-set: moves `id` from `from` to `to` (applying `fields`) only if it is in `from` now.
   * Resolves true for the one caller that made the move.
   */
  transition(
    id: string,
    from: PaymentStatus,
    to: PaymentStatus,
    fields?: PaymentPatch,
  ): Promise<boolean>;
  /**
   * Records `paymentId` as the attempt that pays `orderId` unless another attempt already does.
   * Resolves the id of the attempt that owns the order (the first one to claim it).
   */
  claimOrder(orderId: string, paymentId: string): Promise<string>;
  /**
   * Takes the right to run the shop's hook for a terminal, unfulfilled payment until `until`, for
   * the holder `token`. True for at most one caller at a time; an expired lease can be taken again.
   */
  claimFulfilment(id: string, token: string, now: number, until: number): Promise<boolean>;
  /** Extends the lease to `until` if `token` still holds it; false if it was lost. */
  renewFulfilment(id: string, token: string, until: number): Promise<boolean>;
  /** Marks the hook as done (or skipped) and drops the lease. */
  completeFulfilment(id: string, now: number, outcome: Fulfilment): Promise<void>;
  /**
   * After a failed hook, if `token` still holds the lease: counts the attempt, keeps the error
   * text, and leaves the payment unclaimable until `retryAt` (the retry backoff).
   */
  releaseFulfilment(
    id: string,
    token: string,
    error: string,
    now: number,
    retryAt: number,
  ): Promise<void>;
  /** Pending payments with an invoice, due for a confirm (`nextCheckAt <= now`), created after `createdAfter`; oldest check first. */
  listDuePending(now: number, createdAfter: number, limit: number): Promise<Payment[]>;
  /** Terminal payments whose hook has not completed and whose lease (if any) has expired. */
  listUnfulfilled(now: number, limit: number): Promise<Payment[]>;
  /** Releases connections or file handles. */
  close?(): Promise<void>;
}

/** The patch every store applies in `completeFulfilment`. */
export function fulfilmentCompleted(now: number, outcome: Fulfilment): PaymentPatch {
  return {
    fulfilment: outcome,
    fulfilledAt: now,
    claimedUntil: null,
    claimToken: null,
    updatedAt: now,
  };
}
