/** Our status words. LigdiCash's own (`completed`, `notcompleted`, …) never leave `ligdicash/`. */
export type PaymentStatus = "pending" | "paid" | "failed";

/** Why a payment ended `failed`. */
export type FailureReason =
  | "declined" // LigdiCash said notcompleted / nocompleted
  | "amount_mismatch" // LigdiCash confirmed another amount or currency than the one stored
  | "transaction_mismatch" // the confirmed invoice names another transaction id
  | "invoice_not_created"; // LigdiCash refused or never answered the creation

/**
 * What happened to the shop's hook for a terminal payment: `done` (onPaid or onFailed ran),
 * `refund` (onRefundNeeded ran: money moved that must not fulfil the order), `skipped` (no hook
 * was due).
 */
export type Fulfilment = "done" | "refund" | "skipped";

/**
 * Why money that LigdiCash took must go back to the payer instead of fulfilling the order:
 * another attempt already paid the order (`duplicate`), the order's amount changed after this
 * invoice was made (`superseded`), or LigdiCash confirmed another amount, currency or transaction.
 */
export type RefundReason = "duplicate" | "superseded" | "amount_mismatch" | "transaction_mismatch";

/**
 * One payment attempt for an order: the record every store keeps. `invoiceToken` is a secret
 * (it confirms the payment): it never leaves the server. Times are milliseconds since the epoch.
 */
export interface Payment {
  /** `pay_` + 144 random bits; sent to LigdiCash as `custom_data.transaction_id`. */
  id: string;
  orderId: string;
  status: PaymentStatus;
  /** Whole XOF francs, from `getOrder`, never from a request. */
  amount: number;
  currency: "XOF";
  description: string;
  invoiceToken: string | null;
  payUrl: string | null;
  invoiceExpiresAt: number | null;
  failureReason: FailureReason | null;
  /** Operator that took the money (e.g. "ORANGE BURKINA"), once confirmed. */
  operator: string | null;
  /**
   * The payer's number as LigdiCash's confirm gave it (`22676275726`), where refunds go. Never
   * sent to a browser, masked in logs.
   */
  payer: string | null;
  /** Whole XOF reserved or paid back by refunds: never more than `amount`. */
  refunded: number;
  createdAt: number;
  updatedAt: number;
  /** Last confirm call made for this payment, and when the reconciler should make the next. */
  checkedAt: number | null;
  nextCheckAt: number | null;
  checkCount: number;
  /** The hook (`onPaid` / `onFailed`) outcome; null until it ran to completion. */
  fulfilment: Fulfilment | null;
  fulfilledAt: number | null;
  fulfilAttempts: number;
  /** Lease of the process running the hook now (or, after a failure, when it may be retried). */
  claimedUntil: number | null;
  /** Random token of the lease holder: only it may renew or release the lease. */
  claimToken: string | null;
  lastError: string | null;
}

/** Fields a store may change without a status transition. */
export type PaymentPatch = Partial<
  Omit<
    Payment,
    "id" | "orderId" | "status" | "amount" | "currency" | "description" | "createdAt" | "refunded"
  >
>;

/** What the shop's hooks receive: the payment without its secrets. */
export interface PaymentInfo {
  /** Stable id of this attempt: use it as the idempotency key of the fulfilment. */
  id: string;
  orderId: string;
  status: PaymentStatus;
  amount: number;
  currency: "XOF";
  operator: string | null;
  /** Whole XOF paid back (or being paid back) by refunds. */
  refunded: number;
  failureReason: FailureReason | null;
  /** Set when this payment reaches `onRefundNeeded`: why it must be paid back. */
  refundReason: RefundReason | null;
  createdAt: Date;
}

/** The second argument of every hook. */
export interface HookContext {
  /**
   * Aborts when the hook outlives `hookTimeoutMs`. The kit still waits for the hook's promise
   * (it never starts the hook again while this one runs), so stop promptly when it fires.
   */
  signal: AbortSignal;
}

const ID_PATTERN = /^pay_[A-Za-z0-9_-]{24}$/;

/** A new payment id: `pay_` followed by 144 random bits in base64url. */
export function newPaymentId(): string {
  return `pay_${randomToken(18)}`;
}

/** `bytes` random bytes in base64url, from the Web Crypto API (Node 20+, Bun, Deno, workers). */
export function randomToken(bytes: number): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...data))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Whether a string has the shape of one of our payment ids (cheap filter for forged callbacks). */
export function isPaymentId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** A fresh `pending` attempt. */
export function newPayment(input: {
  orderId: string;
  amount: number;
  description: string;
  now: number;
  firstCheckAt: number;
}): Payment {
  return {
    id: newPaymentId(),
    orderId: input.orderId,
    status: "pending",
    amount: input.amount,
    currency: "XOF",
    description: input.description,
    invoiceToken: null,
    payUrl: null,
    invoiceExpiresAt: null,
    failureReason: null,
    operator: null,
    payer: null,
    refunded: 0,
    createdAt: input.now,
    updatedAt: input.now,
    checkedAt: null,
    nextCheckAt: input.firstCheckAt,
    checkCount: 0,
    fulfilment: null,
    fulfilledAt: null,
    fulfilAttempts: 0,
    claimedUntil: null,
    claimToken: null,
    lastError: null,
  };
}

/** The secret-free view handed to hooks. */
export function toPaymentInfo(
  payment: Payment,
  refundReason: RefundReason | null = null,
): PaymentInfo {
  return {
    id: payment.id,
    orderId: payment.orderId,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    operator: payment.operator,
    refunded: payment.refunded,
    failureReason: payment.failureReason,
    refundReason,
    createdAt: new Date(payment.createdAt),
  };
}
