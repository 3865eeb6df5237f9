/**
 * The JSON of the shop's admin API (`/api/admin/…`), shared with the storefront's admin page,
 * which imports these types only.
 */
import type { OrderStatus } from "../api-types.js";

/** A payout (a refund here) as the admin sees it: the number masked, no token. */
export interface AdminPayout {
  id: string;
  status: "pending" | "sent" | "paid" | "failed" | "unknown";
  amount: number;
  method: "wallet" | "mobile_money";
  /** The beneficiary's number, masked (`2267•••••26`). */
  to: string;
  operator: string | null;
  description: string;
  orderId: string | null;
  /** Set for a refund. */
  reason: string | null;
  error: { code: string; message: string } | null;
  needsReview: boolean;
  /** ISO 8601 times. */
  createdAt: string;
  settledAt: string | null;
}

/** One payment attempt of an order. */
export interface AdminPayment {
  id: string;
  status: "pending" | "paid" | "failed";
  amount: number;
  operator: string | null;
  /** Whole XOF refunded or being refunded from this payment. */
  refunded: number;
  createdAt: string;
}

/** `GET /api/admin/orders` → `{ orders: AdminOrder[] }`, newest first. */
export interface AdminOrder {
  id: string;
  /** The short reference people read (`K3J9X2QA`). */
  reference: string;
  status: OrderStatus;
  delivered: boolean;
  amount: number;
  createdAt: string;
  paidAt: string | null;
  operator: string | null;
  payments: AdminPayment[];
  /** What can still be refunded: the paid payment's amount minus its refunds (0 when unpaid). */
  refundable: number;
  refunds: AdminPayout[];
}

/** `POST /api/admin/orders/:id/refunds` body. */
export interface AdminRefundRequest {
  /** The refund's idempotency key: one per refund the admin means, the same on every retry. */
  id: string;
  amount: number;
  reason: string;
}

/**
 * `POST /api/admin/payouts/:id/resolve` body: a person's word on an `unknown` payout (or one
 * LigdiCash never settled), after checking it in the LigdiCash dashboard. → `{ payout }`.
 */
export interface AdminResolveRequest {
  outcome: "paid" | "failed";
}
