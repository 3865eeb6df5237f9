import type Database from "better-sqlite3";
import type { Payout, PayoutHookOutcome, PayoutPatch, PayoutStatus } from "../model/payout.js";
import {
  PAYOUT_COLUMN_LIST,
  payoutClaimable,
  payoutPatchEntries,
  payoutQuerySql,
  payoutValues,
  rowToPayout,
} from "./payout-columns.js";
import { payoutHookCompleted, type PayoutQuery, type RefundInsert } from "./store.js";

const TABLE = "ligdicash_payouts";
const PAYMENTS = "ligdicash_payments";
const CLAIMABLE = payoutClaimable("?");

/**
 * The payouts of `SqlitePaymentStore`, in their own table of the same file. Writes that touch a
 * payment too (refunds) run in one IMMEDIATE transaction, so other processes on the file wait.
 */
export class SqlitePayouts {
  readonly #stmt: (sql: string) => Database.Statement;
  readonly #insertRefund: (payout: Payout) => RefundInsert;
  readonly #releaseRefund: (id: string) => boolean;

  constructor(db: Database.Database, stmt: (sql: string) => Database.Statement) {
    this.#stmt = stmt;
    const insertRefund = db.transaction((payout: Payout): RefundInsert => {
      if (!this.#insert(payout)) return "exists";
      const reserved = this.#stmt(
        `UPDATE ${PAYMENTS} SET refunded = refunded + ?, updated_at = ?
         WHERE id = ? AND status = 'paid' AND refunded + ? <= amount`,
      ).run(payout.amount, Date.now(), payout.refundOf, payout.amount);
      if (reserved.changes === 1) return "inserted";
      throw new Exceeds();
    });
    this.#insertRefund = (payout) => {
      try {
        return insertRefund.immediate(payout);
      } catch (error) {
        if (error instanceof Exceeds) return "exceeds";
        throw error;
      }
    };
    const releaseRefund = db.transaction((id: string): boolean => {
      const released = this.#stmt(
        `UPDATE ${TABLE} SET refund_released = 1 WHERE id = ? AND status = 'failed'
           AND refund_released = 0 AND refund_of IS NOT NULL RETURNING refund_of, amount`,
      ).get(id) as { refund_of: string; amount: number } | undefined;
      if (!released) return false;
      this.#stmt(
        `UPDATE ${PAYMENTS} SET refunded = MAX(0, refunded - ?), updated_at = ? WHERE id = ?`,
      ).run(released.amount, Date.now(), released.refund_of);
      return true;
    });
    this.#releaseRefund = (id) => releaseRefund.immediate(id);
  }

  insertPayout(payout: Payout): boolean {
    return this.#insert(payout);
  }

  insertRefund(payout: Payout): RefundInsert {
    return this.#insertRefund(payout);
  }

  releaseRefund(id: string): boolean {
    return this.#releaseRefund(id);
  }

  getPayout(id: string): Payout | null {
    const row = this.#stmt(`SELECT * FROM ${TABLE} WHERE id = ?`).get(id);
    return row ? rowToPayout(row as Record<string, unknown>) : null;
  }

  listPayouts(query: PayoutQuery = {}): Payout[] {
    const { sql, values } = payoutQuerySql(query, () => "?");
    return this.#all(`SELECT * FROM ${TABLE} ${sql}`, ...values);
  }

  patchPayout(id: string, fields: PayoutPatch): void {
    this.#update(id, null, fields);
  }

  transitionPayout(
    id: string,
    from: PayoutStatus,
    to: PayoutStatus,
    fields: PayoutPatch = {},
    checkCount?: number,
  ): boolean {
    return this.#update(id, [from, to], fields, checkCount) === 1;
  }

  markPayoutForReview(id: string, at: number): boolean {
    const sql = `UPDATE ${TABLE} SET review_at = ?, next_check_at = NULL, updated_at = ?
      WHERE id = ? AND review_at IS NULL AND status NOT IN ('paid', 'failed')`;
    return this.#stmt(sql).run(at, at, id).changes === 1;
  }

  listDuePayouts(now: number, limit: number): Payout[] {
    return this.#all(
      `SELECT * FROM ${TABLE} WHERE status NOT IN ('paid', 'failed') AND next_check_at <= ?
       ORDER BY next_check_at LIMIT ?`,
      now,
      limit,
    );
  }

  claimPayoutHook(id: string, token: string, leaseMs: number): boolean {
    const sql = `UPDATE ${TABLE} SET claimed_until = ?, claim_token = ? WHERE id = ? AND ${CLAIMABLE}`;
    const now = Date.now();
    return this.#stmt(sql).run(now + leaseMs, token, id, now).changes === 1;
  }

  renewPayoutHook(id: string, token: string, leaseMs: number): boolean {
    const sql = `UPDATE ${TABLE} SET claimed_until = ?
      WHERE id = ? AND claim_token = ? AND fulfilment IS NULL`;
    return this.#stmt(sql).run(Date.now() + leaseMs, id, token).changes === 1;
  }

  completePayoutHook(id: string, outcome: PayoutHookOutcome): void {
    const entries = payoutPatchEntries(payoutHookCompleted(Date.now(), outcome));
    const sets = entries.map(([column]) => `${column} = ?`).join(", ");
    this.#stmt(`UPDATE ${TABLE} SET ${sets} WHERE id = ? AND fulfilment IS NULL`).run(
      ...entries.map(([, value]) => value),
      id,
    );
  }

  releasePayoutHook(id: string, token: string, error: string, retryAfterMs: number): void {
    const sql = `UPDATE ${TABLE} SET claimed_until = ?, claim_token = NULL,
      fulfil_attempts = fulfil_attempts + 1, last_error = ?, updated_at = ? WHERE id = ? AND claim_token = ?`;
    const now = Date.now();
    this.#stmt(sql).run(now + retryAfterMs, error, now, id, token);
  }

  listUnsettledPayoutHooks(limit: number): Payout[] {
    return this.#all(
      `SELECT * FROM ${TABLE} WHERE ${CLAIMABLE} ORDER BY updated_at LIMIT ?`,
      Date.now(),
      limit,
    );
  }

  #insert(payout: Payout): boolean {
    const sql = `INSERT INTO ${TABLE} (${PAYOUT_COLUMN_LIST.join(", ")})
      VALUES (${PAYOUT_COLUMN_LIST.map(() => "?").join(", ")}) ON CONFLICT (id) DO NOTHING`;
    return this.#stmt(sql).run(...payoutValues(payout)).changes === 1;
  }

  #update(
    id: string,
    guard: [PayoutStatus, PayoutStatus] | null,
    fields: PayoutPatch,
    checkCount?: number,
  ): number {
    const entries = payoutPatchEntries({ ...fields, updatedAt: fields.updatedAt ?? Date.now() });
    const sets = entries.map(([column]) => `${column} = ?`);
    const values = entries.map(([, value]) => value);
    if (guard) sets.push("status = ?");
    let where = guard ? "id = ? AND status = ?" : "id = ?";
    const params = guard ? [...values, guard[1], id, guard[0]] : [...values, id];
    if (checkCount !== undefined) {
      where += " AND check_count = ?";
      params.push(checkCount);
    }
    return this.#stmt(`UPDATE ${TABLE} SET ${sets.join(", ")} WHERE ${where}`).run(...params)
      .changes;
  }

  #all(sql: string, ...params: unknown[]): Payout[] {
    return (this.#stmt(sql).all(...params) as Record<string, unknown>[]).map(rowToPayout);
  }
}

/** Rolls the refund's transaction back when the payment cannot take it. */
class Exceeds extends Error {}
