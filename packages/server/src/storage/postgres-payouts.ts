import type { Pool, QueryResult, QueryResultRow } from "pg";
import type { Payout, PayoutHookOutcome, PayoutPatch, PayoutStatus } from "../model/payout.js";
import {
  PAYOUT_COLUMN_LIST,
  payoutClaimable,
  payoutPatchEntries,
  payoutQuerySql,
  payoutValues,
  rowToPayout,
} from "./payout-columns.js";
import type { PayoutBackend } from "./payout-delegation.js";
import { inTransaction } from "./postgres-pool.js";
import type { PayoutQuery, RefundInsert } from "./store.js";

type Query = <R extends QueryResultRow = QueryResultRow>(
  sql: string,
  values?: unknown[],
) => Promise<QueryResult<R>>;

/** The database server's clock in milliseconds: one clock for every app host (leases). */
export const PG_NOW = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

/**
 * The payouts of `PostgresPaymentStore`, in `<prefix>_payouts`. Single statements are atomic on
 * their own; a refund, which writes a payout and its payment, runs in a transaction that locks
 * the payment's row first, so concurrent refunds of one payment queue behind each other.
 */
export class PostgresPayouts implements PayoutBackend {
  readonly #table: string;
  readonly #payments: string;
  readonly #query: Query;
  readonly #pool: () => Promise<Pool>;

  constructor(options: {
    table: string;
    payments: string;
    query: Query;
    pool: () => Promise<Pool>;
  }) {
    this.#table = options.table;
    this.#payments = options.payments;
    this.#query = options.query;
    this.#pool = options.pool;
  }

  async insertPayout(payout: Payout): Promise<boolean> {
    return (await this.#insert(this.#query, payout)) === 1;
  }

  insertRefund(payout: Payout): Promise<RefundInsert> {
    return this.#transaction(
      async (query) => {
        const locked = await query<{ refunded: string; amount: string; status: string }>(
          `SELECT refunded, amount, status FROM ${this.#payments} WHERE id = $1 FOR UPDATE`,
          [payout.refundOf],
        );
        if ((await this.#insert(query, payout)) === 0) return "exists";
        const payment = locked.rows[0];
        if (
          payment?.status !== "paid" ||
          Number(payment.refunded) + payout.amount > Number(payment.amount)
        ) {
          return "exceeds";
        }
        await query(
          `UPDATE ${this.#payments} SET refunded = refunded + $1, updated_at = ${PG_NOW} WHERE id = $2`,
          [payout.amount, payout.refundOf],
        );
        return "inserted";
      },
      (outcome) => outcome === "inserted",
    );
  }

  async releaseRefund(id: string): Promise<boolean> {
    // One statement: the payout's flag and the payment's total change together or not at all.
    const result = await this.#query(
      `WITH released AS (
         UPDATE ${this.#table} SET refund_released = 1
         WHERE id = $1 AND status = 'failed' AND refund_released = 0 AND refund_of IS NOT NULL
         RETURNING refund_of, amount)
       UPDATE ${this.#payments} p SET refunded = GREATEST(0, p.refunded - released.amount),
         updated_at = ${PG_NOW}
       FROM released WHERE p.id = released.refund_of RETURNING p.id`,
      [id],
    );
    return result.rowCount === 1;
  }

  async getPayout(id: string): Promise<Payout | null> {
    return (await this.#select(`WHERE id = $1`, [id]))[0] ?? null;
  }

  listPayouts(query: PayoutQuery = {}): Promise<Payout[]> {
    const { sql, values } = payoutQuerySql(query, (i) => `$${i}`);
    return this.#select(sql, values);
  }

  async patchPayout(id: string, fields: PayoutPatch): Promise<void> {
    await this.#update(id, null, fields);
  }

  async transitionPayout(
    id: string,
    from: PayoutStatus,
    to: PayoutStatus,
    fields: PayoutPatch = {},
    checkCount?: number,
  ): Promise<boolean> {
    return (await this.#update(id, [from, to], fields, checkCount)) === 1;
  }

  async markPayoutForReview(id: string, at: number): Promise<boolean> {
    const result = await this.#query(
      `UPDATE ${this.#table} SET review_at = $1, next_check_at = NULL, updated_at = $1
       WHERE id = $2 AND review_at IS NULL AND status NOT IN ('paid', 'failed')`,
      [at, id],
    );
    return result.rowCount === 1;
  }

  listDuePayouts(now: number, limit: number): Promise<Payout[]> {
    return this.#select(
      `WHERE status NOT IN ('paid', 'failed') AND next_check_at <= $1 ORDER BY next_check_at LIMIT $2`,
      [now, limit],
    );
  }

  async claimPayoutHook(id: string, token: string, leaseMs: number): Promise<boolean> {
    const result = await this.#query(
      `UPDATE ${this.#table} SET claimed_until = ${PG_NOW} + $1, claim_token = $2
       WHERE id = $3 AND ${payoutClaimable(PG_NOW)}`,
      [leaseMs, token, id],
    );
    return result.rowCount === 1;
  }

  async renewPayoutHook(id: string, token: string, leaseMs: number): Promise<boolean> {
    const result = await this.#query(
      `UPDATE ${this.#table} SET claimed_until = ${PG_NOW} + $1
       WHERE id = $2 AND claim_token = $3 AND fulfilment IS NULL`,
      [leaseMs, id, token],
    );
    return result.rowCount === 1;
  }

  async completePayoutHook(id: string, outcome: PayoutHookOutcome): Promise<void> {
    await this.#query(
      `UPDATE ${this.#table} SET fulfilment = $1, fulfilled_at = ${PG_NOW}, claimed_until = NULL,
       claim_token = NULL, updated_at = ${PG_NOW} WHERE id = $2 AND fulfilment IS NULL`,
      [outcome, id],
    );
  }

  async releasePayoutHook(id: string, token: string, error: string, retryAfterMs: number) {
    await this.#query(
      `UPDATE ${this.#table} SET claimed_until = ${PG_NOW} + $1, claim_token = NULL,
       fulfil_attempts = fulfil_attempts + 1, last_error = $2, updated_at = ${PG_NOW}
       WHERE id = $3 AND claim_token = $4`,
      [retryAfterMs, error, id, token],
    );
  }

  listUnsettledPayoutHooks(limit: number): Promise<Payout[]> {
    return this.#select(`WHERE ${payoutClaimable(PG_NOW)} ORDER BY updated_at LIMIT $1`, [limit]);
  }

  async #insert(query: Query, payout: Payout): Promise<number> {
    const placeholders = PAYOUT_COLUMN_LIST.map((_, i) => `$${i + 1}`);
    const result = await query(
      `INSERT INTO ${this.#table} (${PAYOUT_COLUMN_LIST.join(", ")})
       VALUES (${placeholders.join(", ")}) ON CONFLICT (id) DO NOTHING`,
      payoutValues(payout),
    );
    return result.rowCount ?? 0;
  }

  async #update(
    id: string,
    guard: [PayoutStatus, PayoutStatus] | null,
    fields: PayoutPatch,
    checkCount?: number,
  ): Promise<number> {
    const entries = payoutPatchEntries({ ...fields, updatedAt: fields.updatedAt ?? Date.now() });
    const values: unknown[] = entries.map(([, value]) => value);
    const sets = entries.map(([column], i) => `${column} = $${i + 1}`);
    if (guard) sets.push(`status = $${values.push(guard[1])}`);
    let where = `id = $${values.push(id)}`;
    if (guard) where += ` AND status = $${values.push(guard[0])}`;
    if (checkCount !== undefined) where += ` AND check_count = $${values.push(checkCount)}`;
    const result = await this.#query(
      `UPDATE ${this.#table} SET ${sets.join(", ")} WHERE ${where}`,
      values,
    );
    return result.rowCount ?? 0;
  }

  async #select(clause: string, values: unknown[]): Promise<Payout[]> {
    const result = await this.#query(`SELECT * FROM ${this.#table} ${clause}`, values);
    return result.rows.map((row) => rowToPayout(row as Record<string, unknown>));
  }

  /** Runs `work` in a transaction, committed only when `commit(result)` says so. */
  async #transaction<T>(work: (query: Query) => Promise<T>, commit: (result: T) => boolean) {
    return inTransaction(
      await this.#pool(),
      (client) => work((sql, values) => client.query(sql, values)),
      commit,
    );
  }
}
