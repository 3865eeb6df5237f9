import type { Payout, PayoutPatch } from "../model/payout.js";

/** Payout field → SQL column, shared by the SQL stores. The only names ever put in SQL text. */
export const PAYOUT_COLUMNS = {
  id: "id",
  status: "status",
  amount: "amount",
  currency: "currency",
  method: "method",
  beneficiary: "beneficiary",
  country: "country",
  operatorHint: "operator_hint",
  description: "description",
  orderId: "order_id",
  metadata: "metadata",
  refundOf: "refund_of",
  reason: "reason",
  refundReleased: "refund_released",
  token: "token",
  financeId: "finance_id",
  operator: "operator",
  errorCode: "error_code",
  errorMessage: "error_message",
  attempts: "attempts",
  createdAt: "created_at",
  updatedAt: "updated_at",
  sentAt: "sent_at",
  settledAt: "settled_at",
  checkedAt: "checked_at",
  nextCheckAt: "next_check_at",
  checkCount: "check_count",
  reviewAt: "review_at",
  fulfilment: "fulfilment",
  fulfilledAt: "fulfilled_at",
  fulfilAttempts: "fulfil_attempts",
  claimedUntil: "claimed_until",
  claimToken: "claim_token",
  lastError: "last_error",
} as const satisfies Record<keyof Payout, string>;

type PayoutField = keyof typeof PAYOUT_COLUMNS;
const FIELDS = Object.keys(PAYOUT_COLUMNS) as PayoutField[];

const NUMERIC: PayoutField[] = [
  "amount",
  "attempts",
  "createdAt",
  "updatedAt",
  "sentAt",
  "settledAt",
  "checkedAt",
  "nextCheckAt",
  "checkCount",
  "reviewAt",
  "fulfilledAt",
  "fulfilAttempts",
  "claimedUntil",
];

/** The columns in insert order. */
export const PAYOUT_COLUMN_LIST: string[] = FIELDS.map((field) => PAYOUT_COLUMNS[field]);

/** A value as a column holds it: metadata as JSON text, the flag as 0 / 1. */
function toColumn(field: PayoutField, value: unknown): unknown {
  if (field === "metadata") return value === null ? null : JSON.stringify(value);
  if (field === "refundReleased") return value ? 1 : 0;
  return value;
}

/** A payout as the ordered list of its column values (for INSERT). */
export function payoutValues(payout: Payout): unknown[] {
  return FIELDS.map((field) => toColumn(field, payout[field]));
}

/** Columns and values of a patch, in a stable order, skipping undefined and unknown keys. */
export function payoutPatchEntries(fields: PayoutPatch): Array<[column: string, value: unknown]> {
  const entries: Array<[string, unknown]> = [];
  for (const field of FIELDS) {
    if (field === "id" || field === "status") continue;
    const value = (fields as Partial<Record<PayoutField, unknown>>)[field];
    if (value !== undefined) entries.push([PAYOUT_COLUMNS[field], toColumn(field, value)]);
  }
  return entries;
}

/** A row (snake_case columns) back into a Payout. BIGINTs may come back as strings (pg). */
export function rowToPayout(row: Record<string, unknown>): Payout {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) out[field] = row[PAYOUT_COLUMNS[field]] ?? null;
  for (const field of NUMERIC) {
    const value = out[field];
    if (typeof value === "string") out[field] = Number(value);
  }
  const metadata = out.metadata;
  out.metadata = typeof metadata === "string" ? (JSON.parse(metadata) as unknown) : null;
  out.refundReleased = Number(out.refundReleased) === 1;
  return out as unknown as Payout;
}

/**
 * The payouts table and its indexes, in the SQL both SQLite and PostgreSQL read (`INT8` is a
 * 64-bit integer in both).
 */
export function payoutSchema(table: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${table} (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'paid', 'failed', 'unknown')),
  amount INT8 NOT NULL,
  currency TEXT NOT NULL,
  method TEXT NOT NULL,
  beneficiary TEXT NOT NULL,
  country TEXT NOT NULL,
  operator_hint TEXT,
  description TEXT NOT NULL,
  order_id TEXT,
  metadata TEXT,
  refund_of TEXT,
  reason TEXT,
  refund_released INTEGER NOT NULL DEFAULT 0,
  token TEXT,
  finance_id TEXT,
  operator TEXT,
  error_code TEXT,
  error_message TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INT8 NOT NULL,
  updated_at INT8 NOT NULL,
  sent_at INT8,
  settled_at INT8,
  checked_at INT8,
  next_check_at INT8,
  check_count INTEGER NOT NULL DEFAULT 0,
  review_at INT8,
  fulfilment TEXT,
  fulfilled_at INT8,
  fulfil_attempts INTEGER NOT NULL DEFAULT 0,
  claimed_until INT8,
  claim_token TEXT,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS ${table}_created ON ${table} (created_at);
CREATE INDEX IF NOT EXISTS ${table}_order ON ${table} (order_id);
CREATE INDEX IF NOT EXISTS ${table}_due ON ${table} (next_check_at);`;
}

/** Settled payouts whose hook may be claimed, given the SQL of "now". */
export function payoutClaimable(now: string): string {
  return `status IN ('paid', 'failed') AND fulfilment IS NULL AND (claimed_until IS NULL OR claimed_until <= ${now})`;
}

/** The WHERE clause and values of a `listPayouts` query, `$n` or `?` placeholders. */
export function payoutQuerySql(
  query: { status?: string | undefined; orderId?: string | undefined; limit?: number | undefined },
  placeholder: (index: number) => string,
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const where: string[] = [];
  if (query.status !== undefined) where.push(`status = ${placeholder(values.push(query.status))}`);
  if (query.orderId !== undefined) {
    where.push(`order_id = ${placeholder(values.push(query.orderId))}`);
  }
  const limit = placeholder(values.push(query.limit ?? 100));
  const clause = where.length > 0 ? `WHERE ${where.join(" AND ")} ` : "";
  return { sql: `${clause}ORDER BY created_at DESC, id DESC LIMIT ${limit}`, values };
}
