import type { OrderRecord } from "../model/order.js";
import type { Fulfilment, Payment, PaymentPatch, PaymentStatus } from "../model/payment.js";
import type { Payout, PayoutHookOutcome, PayoutPatch, PayoutStatus } from "../model/payout.js";
import type { ChangeListener } from "./change-listeners.js";

/**
 * The storage contract. Every backend (memory, SQLite, PostgreSQL, Redis, or the shop's own)
 * implements it, and `paymentStoreConformance` checks that it does. Methods that decide money state
 * (`transition`, `expectOrder`, `claimOrder`, the fulfilment lease) must be atomic across
 * processes.
 *
 * Leases are timed by the store's own clock (`now()`: PostgreSQL's `clock_timestamp()`, Redis's
 * `TIME`, the host clock for SQLite and memory), never by the clock of the process that asks:
 * app hosts whose clocks disagree still never hold one lease at once. After `close()` every method
 * rejects.
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
   * Records that `orderId` must now be paid at `amount` (the latest `getOrder`), unless an attempt
   * already paid it. Resolves the order's record after the call.
   */
  expectOrder(orderId: string, amount: number): Promise<OrderRecord>;
  /** The order's record, or null if no payment was ever started for it. */
  getOrder(orderId: string): Promise<OrderRecord | null>;
  /**
   * Records `paymentId` as the attempt that pays `orderId`, only if no attempt paid it yet and
   * `amount` is the amount the order must be paid at (or none was recorded). Resolves the order's
   * record after the call: `paidBy === paymentId` for the one caller that won.
   */
  claimOrder(orderId: string, paymentId: string, amount: number): Promise<OrderRecord>;
  /**
   * Takes the right to run the shop's hook for a terminal, unfulfilled payment for `leaseMs` of the
   * store's clock, for the holder `token`. True for at most one caller at a time; an expired lease
   * (or an elapsed retry backoff) can be taken again.
   */
  claimFulfilment(id: string, token: string, leaseMs: number): Promise<boolean>;
  /** Extends the lease to `leaseMs` from the store's now if `token` still holds it; false if lost. */
  renewFulfilment(id: string, token: string, leaseMs: number): Promise<boolean>;
  /** Marks the hook as done (or refund, or skipped) and drops the lease. No-op once completed. */
  completeFulfilment(id: string, outcome: Fulfilment): Promise<void>;
  /**
   * After a failed hook, if `token` still holds the lease: counts the attempt, keeps the error
   * text, and leaves the payment unclaimable for `retryAfterMs` of the store's clock.
   */
  releaseFulfilment(id: string, token: string, error: string, retryAfterMs: number): Promise<void>;
  /** Pending payments with an invoice, due for a confirm (`nextCheckAt <= now`), created after `createdAfter`; oldest check first. */
  listDuePending(now: number, createdAfter: number, limit: number): Promise<Payment[]>;
  /** Terminal payments whose hook has not completed and whose lease or backoff has ended (store clock). */
  listUnfulfilled(limit: number): Promise<Payment[]>;
  /** The store's clock, in milliseconds since the epoch: the one that times leases. */
  now(): Promise<number>;
  /** Releases connections or file handles; every later call rejects. Idempotent. */
  close(): Promise<void>;
  /**
   * Optional: change notifications, so that a status request waiting in one process wakes when
   * another process settles the payment. Calls `listener(orderId)` soon after a `transition`
   * of one of the order's payments succeeded, in any process sharing the store, and
   * `listener(null)` each time notifications (re)start, because changes made meanwhile were not
   * reported. Other calls may be reported too. Returns the function that stops the listener;
   * after `close()` it is never called. Without `watch`, the kit re-reads waiting orders every
   * second instead.
   */
  watch?(listener: ChangeListener): () => void;
}

/** What `insertRefund` did. */
export type RefundInsert = "inserted" | "exists" | "exceeds";

/** Which payouts `listPayouts` returns: newest first, at most `limit` (default 100). */
export interface PayoutQuery {
  status?: PayoutStatus | undefined;
  orderId?: string | undefined;
  limit?: number | undefined;
}

/**
 * The payouts part of the storage contract, beside the payments (its own tables or keys), checked
 * by `payoutStoreConformance`. As for payments, the methods that decide money state
 * (`insertPayout`, `insertRefund`, `releaseRefund`, `transitionPayout`, `markPayoutForReview`, the
 * hook lease) are atomic across processes, and leases are timed by the store's clock.
 */
export interface PayoutStore {
  /**
   * Saves a new payout unless one with its id exists: true for the one caller that saved it. This
   * is what makes `send` idempotent across processes.
   */
  insertPayout(payout: Payout): Promise<boolean>;
  /**
   * Saves a refund (`payout.refundOf` names a paid payment) and adds its amount to that payment's
   * `refunded`, in one atomic step: `exists` when a payout has its id (nothing changes),
   * `exceeds` when the payment is not paid or `refunded + amount` would pass its amount.
   */
  insertRefund(payout: Payout): Promise<RefundInsert>;
  /**
   * For a `failed` refund whose amount was not given back yet: subtracts it from its payment's
   * `refunded` and marks it given back, atomically. True for the one call that did.
   */
  releaseRefund(id: string): Promise<boolean>;
  getPayout(id: string): Promise<Payout | null>;
  listPayouts(query?: PayoutQuery): Promise<Payout[]>;
  /** Changes non-status fields (and `updatedAt`). A no-op for an unknown id. */
  patchPayout(id: string, fields: PayoutPatch): Promise<void>;
  /**
   * Compare-and-set of the status, as `transition`: true for the one caller that made the move.
   * With `checkCount`, the move also requires the payout's `checkCount` to be that value: a caller
   * acting on what it read earlier (the reconciler taking over a stalled create) loses to anyone
   * who moved the payout since, even back to the same status.
   */
  transitionPayout(
    id: string,
    from: PayoutStatus,
    to: PayoutStatus,
    fields?: PayoutPatch,
    checkCount?: number,
  ): Promise<boolean>;
  /**
   * Takes an unsettled payout off the reconciler's list for good (`reviewAt` set, `nextCheckAt`
   * cleared) unless that was done already: true for the one caller that did.
   */
  markPayoutForReview(id: string, at: number): Promise<boolean>;
  /** `pending`, `sent` and `unknown` payouts with `nextCheckAt <= now`, soonest first. */
  listDuePayouts(now: number, limit: number): Promise<Payout[]>;
  /** The hook lease of a settled payout: as `claimFulfilment` and the rest, for payouts. */
  claimPayoutHook(id: string, token: string, leaseMs: number): Promise<boolean>;
  renewPayoutHook(id: string, token: string, leaseMs: number): Promise<boolean>;
  completePayoutHook(id: string, outcome: PayoutHookOutcome): Promise<void>;
  releasePayoutHook(id: string, token: string, error: string, retryAfterMs: number): Promise<void>;
  /** Settled payouts whose hook has not completed and whose lease or backoff has ended. */
  listUnsettledPayoutHooks(limit: number): Promise<Payout[]>;
}

/** A store that keeps payouts too: what `payouts.send` and `refund` need. */
export type LigdicashStore = PaymentStore & PayoutStore;

/** Every method of the payouts part of the store contract. */
export const PAYOUT_STORE_METHODS = [
  "insertPayout",
  "insertRefund",
  "releaseRefund",
  "getPayout",
  "listPayouts",
  "patchPayout",
  "transitionPayout",
  "markPayoutForReview",
  "listDuePayouts",
  "claimPayoutHook",
  "renewPayoutHook",
  "completePayoutHook",
  "releasePayoutHook",
  "listUnsettledPayoutHooks",
] as const satisfies ReadonlyArray<keyof PayoutStore>;

/** Whether a (possibly shop-made) store implements the payouts part of the contract. */
export function isPayoutStore(store: PaymentStore): store is LigdicashStore {
  return PAYOUT_STORE_METHODS.every(
    (name) => typeof (store as Partial<PayoutStore>)[name] === "function",
  );
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

/** The patch every store applies in `completePayoutHook`. */
export function payoutHookCompleted(now: number, outcome: PayoutHookOutcome): PayoutPatch {
  return {
    fulfilment: outcome,
    fulfilledAt: now,
    claimedUntil: null,
    claimToken: null,
    updatedAt: now,
  };
}
