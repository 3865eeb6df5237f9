import type { Payment, PaymentPatch } from "../model/payment.js";

/** Payment field → SQL column, shared by the SQL stores. The only names ever put in SQL text. */
export const COLUMNS = {
  id: "id",
  orderId: "order_id",
  status: "status",
  amount: "amount",
  currency: "currency",
  description: "description",
  invoiceToken: "invoice_token",
  payUrl: "pay_url",
  invoiceExpiresAt: "invoice_expires_at",
  failureReason: "failure_reason",
  operator: "operator",
  payer: "payer",
  refunded: "refunded",
  createdAt: "created_at",
  updatedAt: "updated_at",
  checkedAt: "checked_at",
  nextCheckAt: "next_check_at",
  checkCount: "check_count",
  fulfilment: "fulfilment",
  fulfilledAt: "fulfilled_at",
  fulfilAttempts: "fulfil_attempts",
  claimedUntil: "claimed_until",
  claimToken: "claim_token",
  lastError: "last_error",
} as const satisfies Record<keyof Payment, string>;

export type PaymentField = keyof typeof COLUMNS;
export const FIELDS = Object.keys(COLUMNS) as PaymentField[];

/** Columns and values of a patch, in a stable order, skipping undefined and unknown keys. */
export function patchEntries(fields: PaymentPatch): Array<[column: string, value: unknown]> {
  const entries: Array<[string, unknown]> = [];
  for (const field of FIELDS) {
    if (field === "id" || field === "status") continue;
    const value = (fields as Partial<Record<PaymentField, unknown>>)[field];
    if (value !== undefined) entries.push([COLUMNS[field], value]);
  }
  return entries;
}

/** A row (snake_case columns) back into a Payment. Numbers may come back as strings (BIGINT in pg). */
export function rowToPayment(row: Record<string, unknown>): Payment {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) out[field] = row[COLUMNS[field]] ?? null;
  for (const field of NUMERIC) {
    const value = out[field];
    if (typeof value === "string") out[field] = Number(value);
  }
  return out as unknown as Payment;
}

const NUMERIC: PaymentField[] = [
  "amount",
  "refunded",
  "invoiceExpiresAt",
  "createdAt",
  "updatedAt",
  "checkedAt",
  "nextCheckAt",
  "checkCount",
  "fulfilledAt",
  "fulfilAttempts",
  "claimedUntil",
];

/** A payment as the ordered list of its column values (for INSERT). */
export function paymentValues(payment: Payment): unknown[] {
  return FIELDS.map((field) => payment[field]);
}
