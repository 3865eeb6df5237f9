import type { PayoutCountry } from "../payouts/phone-plan.js";

/** Every payout status, in the order a payout can reach them. */
export const PAYOUT_STATUSES = ["pending", "sent", "paid", "failed", "unknown"] as const;

/**
 * Where a payout stands, in our words:
 * - `pending`: stored, and a create call is (or may be) under way in the process that stored it;
 * - `sent`: LigdiCash has the payout and the money is on its way;
 * - `paid` / `failed`: LigdiCash's final word (or an operator's, see `resolve`);
 * - `unknown`: a create call's outcome could not be known (timeout or reset after sending, an
 *   error on LigdiCash's side). Never sent again under a new id; resolved by its callback, by a
 *   repeat create with the same id that LigdiCash refuses as a duplicate, or by a person.
 */
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * How a payout travels: `wallet` to the beneficiary's LigdiCash wallet (instant, needs a
 * LigdiCash account), `mobile_money` straight to their mobile-money number (seconds to days).
 */
export type PayoutMethod = "wallet" | "mobile_money";

/** What the payout's hook outcome records: `done` (a hook ran) or `skipped` (none was set). */
export type PayoutHookOutcome = "done" | "skipped";

/**
 * One payout as every store keeps it. `token` (LigdiCash's payout token) and `beneficiary` (the
 * full number) never leave the server: `toPayoutInfo` is the view for hooks and callers.
 */
export interface Payout {
  /** The shop's idempotency key, sent to LigdiCash as `custom_data.transaction_id`. */
  id: string;
  status: PayoutStatus;
  /** Whole XOF francs. */
  amount: number;
  currency: "XOF";
  method: PayoutMethod;
  /** Country code + national number, digits only (`22670000000`). */
  beneficiary: string;
  country: PayoutCountry;
  /** The LigdiCash operator the number's prefix belongs to (its name), when it says: a hint only. */
  operatorHint: string | null;
  description: string;
  orderId: string | null;
  metadata: Record<string, string> | null;
  /** For a refund: the paid payment it pays back, and why. */
  refundOf: string | null;
  reason: string | null;
  /** Whether a failed refund's amount was given back to its payment's `refunded` total. */
  refundReleased: boolean;
  token: string | null;
  financeId: string | null;
  /** The operator LigdiCash paid through, once confirmed. */
  operator: string | null;
  /** The typed error of a refusal (failed) or of the last unanswered create (unknown). */
  errorCode: string | null;
  errorMessage: string | null;
  /** Create calls made for this payout (a repeat after `unknown` counts). */
  attempts: number;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
  settledAt: number | null;
  /** Last confirm (or repeat create) and when the reconciler should look at it again. */
  checkedAt: number | null;
  nextCheckAt: number | null;
  checkCount: number;
  /** When the reconciler gave up on it and logged it for a person to review. */
  reviewAt: number | null;
  /** The hook lease and outcome, as for payments. */
  fulfilment: PayoutHookOutcome | null;
  fulfilledAt: number | null;
  fulfilAttempts: number;
  claimedUntil: number | null;
  claimToken: string | null;
  lastError: string | null;
}

/** Fields a store may change without a status transition. */
export type PayoutPatch = Partial<
  Omit<
    Payout,
    | "id"
    | "status"
    | "amount"
    | "currency"
    | "method"
    | "beneficiary"
    | "refundOf"
    | "createdAt"
    | "refundReleased"
  >
>;

/** What hooks and callers see of a payout: no token, the number masked. */
export interface PayoutInfo {
  id: string;
  status: PayoutStatus;
  amount: number;
  currency: "XOF";
  method: PayoutMethod;
  /** The beneficiary's number, masked (`2267•••••00`). */
  to: string;
  country: PayoutCountry;
  /** The operator that paid (once confirmed), else the one the number's prefix suggests. */
  operator: string | null;
  description: string;
  orderId: string | null;
  metadata: Record<string, string> | null;
  /** Set for a refund: the payment it pays back and the reason given. */
  refund: { paymentId: string; reason: string | null } | null;
  /** Why it failed, or why its outcome is unknown. */
  error: { code: string; message: string } | null;
  attempts: number;
  /** The reconciler stopped checking it: a person must look at it (see `payouts.resolve`). */
  needsReview: boolean;
  createdAt: Date;
  updatedAt: Date;
  settledAt: Date | null;
}

/** A payout id is the shop's own idempotency key: 1 to 64 of `A-Z a-z 0-9 _ -`. */
export const PAYOUT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a string can be a payout id (cheap filter for forged callbacks too). */
export function isPayoutId(value: string): boolean {
  return PAYOUT_ID_PATTERN.test(value);
}

/** A fresh `pending` payout, as `send` and `refund` store it before LigdiCash hears of it. */
export function newPayout(input: {
  id: string;
  amount: number;
  method: PayoutMethod;
  beneficiary: string;
  country: PayoutCountry;
  operatorHint: string | null;
  description: string;
  orderId?: string | null | undefined;
  metadata?: Record<string, string> | null | undefined;
  refundOf?: string | null | undefined;
  reason?: string | null | undefined;
  now: number;
  /** When the reconciler should take over if the process sending it stops first. */
  staleAt: number;
}): Payout {
  return {
    id: input.id,
    status: "pending",
    amount: input.amount,
    currency: "XOF",
    method: input.method,
    beneficiary: input.beneficiary,
    country: input.country,
    operatorHint: input.operatorHint,
    description: input.description,
    orderId: input.orderId ?? null,
    metadata: input.metadata ?? null,
    refundOf: input.refundOf ?? null,
    reason: input.reason ?? null,
    refundReleased: false,
    token: null,
    financeId: null,
    operator: null,
    errorCode: null,
    errorMessage: null,
    attempts: 0,
    createdAt: input.now,
    updatedAt: input.now,
    sentAt: null,
    settledAt: null,
    checkedAt: null,
    nextCheckAt: input.staleAt,
    checkCount: 0,
    reviewAt: null,
    fulfilment: null,
    fulfilledAt: null,
    fulfilAttempts: 0,
    claimedUntil: null,
    claimToken: null,
    lastError: null,
  };
}

/** Whether LigdiCash's word on this payout is final. */
export function isSettled(status: PayoutStatus): status is "paid" | "failed" {
  return status === "paid" || status === "failed";
}

/** The secret-free view handed to hooks and returned by `send`, `get` and `list`. */
export function toPayoutInfo(payout: Payout, mask: (number: string) => string): PayoutInfo {
  return {
    id: payout.id,
    status: payout.status,
    amount: payout.amount,
    currency: payout.currency,
    method: payout.method,
    to: mask(payout.beneficiary),
    country: payout.country,
    operator: payout.operator ?? payout.operatorHint,
    description: payout.description,
    orderId: payout.orderId,
    metadata: payout.metadata,
    refund: payout.refundOf === null ? null : { paymentId: payout.refundOf, reason: payout.reason },
    error:
      payout.errorCode === null
        ? null
        : { code: payout.errorCode, message: payout.errorMessage ?? "" },
    attempts: payout.attempts,
    needsReview: payout.reviewAt !== null,
    createdAt: new Date(payout.createdAt),
    updatedAt: new Date(payout.updatedAt),
    settledAt: payout.settledAt === null ? null : new Date(payout.settledAt),
  };
}
