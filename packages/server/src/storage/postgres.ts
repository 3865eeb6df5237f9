import type { Pool, PoolClient, QueryResultRow } from "pg";
import { safeLogger, type Logger } from "../core/logger.js";
import type { OrderRecord } from "../model/order.js";
import type { Fulfilment, Payment, PaymentPatch, PaymentStatus } from "../model/payment.js";
import { COLUMNS, FIELDS, patchEntries, paymentValues, rowToPayment } from "./columns.js";
import { timeoutOption } from "./deadline.js";
import type { ChangeListener } from "./change-listeners.js";
import { closeStore, guardStore } from "./guard.js";
import { payoutSchema } from "./payout-columns.js";
import { PayoutDelegation } from "./payout-delegation.js";
import { PostgresListener } from "./postgres-listener.js";
import { PG_NOW, PostgresPayouts } from "./postgres-payouts.js";
import { PostgresPool } from "./postgres-pool.js";
import type { LigdicashStore } from "./store.js";
import { isPostgresUnavailable } from "./unavailable.js";

export interface PostgresStoreOptions {
  /**
   * A `pg` Pool the shop already has (it is not closed by `close()`), or… The store adds no
   * listener to it: give it your own `pool.on("error", …)`, as `pg` requires of every pool, or a
   * dropped idle connection ends the process (the store logs a warning when it finds none).
   */
  pool?: Pool;
  /** …a connection string for a pool the store creates and closes. */
  connectionString?: string;
  /** Table name prefix: `<prefix>_payments`, `<prefix>_orders`, `<prefix>_payouts`. Default "ligdicash". */
  tablePrefix?: string;
  /**
   * Each call fails with STORE_UNAVAILABLE (503) after this long, connecting included. On the
   * store's own pool it is also the connection timeout, the query timeout and the server's
   * `statement_timeout`. Default 2000 ms.
   */
  timeoutMs?: number;
  /** Where lost connections and reconnections are reported (a pino or console-like logger). */
  logger?: Logger;
}

/**
 * A store in PostgreSQL, for several app instances behind a load balancer. Tables are created on
 * first use (under an advisory lock, so concurrent starts do not race; again on the next call if
 * that failed). A dropped connection is logged and replaced on next use. Needs the `pg` package.
 *
 * @example
 * new PostgresPaymentStore({ connectionString: process.env.DATABASE_URL, logger })
 */
export class PostgresPaymentStore extends PayoutDelegation implements LigdicashStore {
  readonly #payments: string;
  readonly #orders: string;
  readonly #payoutsTable: string;
  readonly #pool: PostgresPool;
  readonly #channel: string;
  readonly #listener: PostgresListener;
  readonly #payouts: PostgresPayouts;

  constructor(options: PostgresStoreOptions) {
    super();
    const prefix = options.tablePrefix ?? "ligdicash";
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) {
      throw new Error(
        `tablePrefix must be lower-case letters, digits and "_" (got ${JSON.stringify(prefix)})`,
      );
    }
    if (!options.pool && !options.connectionString)
      throw new Error("pass a pg Pool or a connectionString");
    this.#payments = `${prefix}_payments`;
    this.#orders = `${prefix}_orders`;
    this.#channel = `${prefix}_changes`;
    this.#payoutsTable = `${prefix}_payouts`;
    const timeoutMs = timeoutOption(options.timeoutMs);
    const log = safeLogger(options.logger, []);
    this.#pool = new PostgresPool({
      pool: options.pool,
      connectionString: options.connectionString,
      timeoutMs,
      log,
      setup: (client) => this.#createTables(client),
    });
    this.#listener = new PostgresListener({
      channel: this.#channel,
      // The shop's pool says how to connect; our own connection string otherwise.
      config: options.pool
        ? options.pool.options
        : {
            connectionString: options.connectionString,
            connectionTimeoutMillis: timeoutMs,
            query_timeout: timeoutMs,
            keepAlive: true,
            application_name: "ligdicash-kit notifications",
          },
      log,
    });
    this.#payouts = new PostgresPayouts({
      table: this.#payoutsTable,
      payments: this.#payments,
      query: (sql, values) => this.#query(sql, values),
      pool: () => this.#pool.get(),
    });
    guardStore(this, { backend: "PostgreSQL", timeoutMs, isUnavailable: isPostgresUnavailable });
  }

  protected get payoutBackend(): PostgresPayouts {
    return this.#payouts;
  }

  async insert(payment: Payment): Promise<void> {
    const columns = FIELDS.map((f) => COLUMNS[f]);
    const placeholders = columns.map((_, i) => `$${i + 1}`);
    await this.#query(
      `INSERT INTO ${this.#payments} (${columns.join(", ")}) VALUES (${placeholders.join(", ")})`,
      paymentValues(payment),
    );
  }

  async get(id: string): Promise<Payment | null> {
    const rows = await this.#select(`WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  listByOrder(orderId: string): Promise<Payment[]> {
    return this.#select(`WHERE order_id = $1 ORDER BY created_at DESC, id DESC`, [orderId]);
  }

  async patch(id: string, fields: PaymentPatch): Promise<void> {
    await this.#update(id, null, fields);
  }

  async transition(
    id: string,
    from: PaymentStatus,
    to: PaymentStatus,
    fields: PaymentPatch = {},
  ): Promise<boolean> {
    return (await this.#update(id, [from, to], fields)) === 1;
  }

  async expectOrder(orderId: string, amount: number): Promise<OrderRecord> {
    await this.#query(
      `INSERT INTO ${this.#orders} (order_id, amount, paid_by) VALUES ($1, $2, NULL)
       ON CONFLICT (order_id) DO UPDATE SET amount = EXCLUDED.amount
       WHERE ${this.#orders}.paid_by IS NULL`,
      [orderId, amount],
    );
    return (await this.getOrder(orderId))!;
  }

  async getOrder(orderId: string): Promise<OrderRecord | null> {
    // A separate statement: its snapshot sees what a concurrent write just committed.
    const result = await this.#query<{
      order_id: string;
      amount: string | null;
      paid_by: string | null;
    }>(`SELECT order_id, amount, paid_by FROM ${this.#orders} WHERE order_id = $1`, [orderId]);
    const row = result.rows[0];
    if (!row) return null;
    return {
      orderId: row.order_id,
      amount: row.amount === null ? null : Number(row.amount),
      paidBy: row.paid_by,
    };
  }

  async claimOrder(orderId: string, paymentId: string, amount: number): Promise<OrderRecord> {
    await this.#query(
      `INSERT INTO ${this.#orders} (order_id, amount, paid_by) VALUES ($1, $2, $3)
       ON CONFLICT (order_id) DO UPDATE SET paid_by = EXCLUDED.paid_by
       WHERE ${this.#orders}.paid_by IS NULL
         AND (${this.#orders}.amount IS NULL OR ${this.#orders}.amount = EXCLUDED.amount)`,
      [orderId, amount, paymentId],
    );
    return (await this.getOrder(orderId))!;
  }

  async claimFulfilment(id: string, token: string, leaseMs: number): Promise<boolean> {
    const result = await this.#query(
      `UPDATE ${this.#payments} SET claimed_until = ${NOW} + $1, claim_token = $2
       WHERE id = $3 AND ${claimable(NOW)}`,
      [leaseMs, token, id],
    );
    return result.rowCount === 1;
  }

  async renewFulfilment(id: string, token: string, leaseMs: number): Promise<boolean> {
    const result = await this.#query(
      `UPDATE ${this.#payments} SET claimed_until = ${NOW} + $1
       WHERE id = $2 AND claim_token = $3 AND fulfilment IS NULL`,
      [leaseMs, id, token],
    );
    return result.rowCount === 1;
  }

  async completeFulfilment(id: string, outcome: Fulfilment): Promise<void> {
    await this.#query(
      `UPDATE ${this.#payments} SET fulfilment = $1, fulfilled_at = ${NOW}, claimed_until = NULL,
       claim_token = NULL, updated_at = ${NOW} WHERE id = $2 AND fulfilment IS NULL`,
      [outcome, id],
    );
  }

  async releaseFulfilment(
    id: string,
    token: string,
    error: string,
    retryAfterMs: number,
  ): Promise<void> {
    await this.#query(
      `UPDATE ${this.#payments} SET claimed_until = ${NOW} + $1, claim_token = NULL,
       fulfil_attempts = fulfil_attempts + 1, last_error = $2, updated_at = ${NOW}
       WHERE id = $3 AND claim_token = $4`,
      [retryAfterMs, error, id, token],
    );
  }

  listDuePending(now: number, createdAfter: number, limit: number): Promise<Payment[]> {
    return this.#select(
      `WHERE status = 'pending' AND invoice_token IS NOT NULL AND next_check_at <= $1
       AND created_at > $2 ORDER BY next_check_at LIMIT $3`,
      [now, createdAfter, limit],
    );
  }

  listUnfulfilled(limit: number): Promise<Payment[]> {
    return this.#select(`WHERE ${claimable(NOW)} ORDER BY updated_at LIMIT $1`, [limit]);
  }

  async now(): Promise<number> {
    const result = await this.#query<{ now: string }>(`SELECT ${NOW} AS now`);
    return Number(result.rows[0]!.now);
  }

  /**
   * Reports status changes from every process sharing the tables: each transition sends a
   * `pg_notify` on `<tablePrefix>_changes` in its own statement, and one connection per store
   * LISTENs (opened on first use, reopened after a drop).
   */
  watch(listener: ChangeListener): () => void {
    return this.#listener.watch(listener);
  }

  /**
   * Ends the store's own pool (a pool the shop passed stays open) and the notification
   * connection. Later calls are refused.
   */
  close(): Promise<void> {
    return closeStore(this, async () => {
      await Promise.all([this.#listener.close(), this.#pool.close()]);
    });
  }

  /** Drops the tables (tests and teardown scripts). */
  async dropTables(): Promise<void> {
    await this.#query(
      `DROP TABLE IF EXISTS ${this.#payments}, ${this.#orders}, ${this.#payoutsTable}`,
    );
  }

  async #update(
    id: string,
    guard: [PaymentStatus, PaymentStatus] | null,
    fields: PaymentPatch,
  ): Promise<number> {
    const entries = patchEntries({ ...fields, updatedAt: fields.updatedAt ?? Date.now() });
    const values: unknown[] = entries.map(([, value]) => value);
    const sets = entries.map(([column], i) => `${column} = $${i + 1}`);
    if (guard) sets.push(`status = $${values.push(guard[1])}`);
    let where = `id = $${values.push(id)}`;
    if (guard) where += ` AND status = $${values.push(guard[0])}`;
    let sql = `UPDATE ${this.#payments} SET ${sets.join(", ")} WHERE ${where}`;
    // A status change notifies in the same statement: delivered when (and only if) it commits.
    if (guard) {
      sql = `WITH moved AS (${sql} RETURNING order_id)
        SELECT pg_notify($${values.push(this.#channel)}, order_id) FROM moved`;
    }
    const result = await this.#query(sql, values);
    return result.rowCount ?? 0;
  }

  async #select(clause: string, values: unknown[]): Promise<Payment[]> {
    const result = await this.#query(`SELECT * FROM ${this.#payments} ${clause}`, values);
    return result.rows.map((row) => rowToPayment(row as Record<string, unknown>));
  }

  async #query<R extends QueryResultRow = QueryResultRow>(sql: string, values: unknown[] = []) {
    return (await this.#pool.get()).query<R>(sql, values);
  }

  /** Runs once before the first query (in a transaction), and again if it failed. */
  async #createTables(client: PoolClient): Promise<void> {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [this.#payments]);
    // DDL locks tables even when it has nothing to do (CREATE INDEX IF NOT EXISTS takes a SHARE
    // lock, ALTER TABLE an exclusive one): run on every app start, it would wait for running
    // refunds and deadlock them. It runs only when something is missing.
    const present = await client.query<{ complete: boolean }>(
      `SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL
          AND to_regclass($3) IS NOT NULL
          AND (SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass($1)
               AND attname IN ('payer', 'refunded') AND NOT attisdropped) = 2 AS complete`,
      [this.#payments, this.#orders, this.#payoutsTable],
    );
    if (present.rows[0]?.complete) return;
    await client.query(schema(this.#payments, this.#orders, this.#payoutsTable));
  }
}

const NOW = PG_NOW;

function claimable(now: string): string {
  return `status <> 'pending' AND fulfilment IS NULL AND (claimed_until IS NULL OR claimed_until <= ${now})`;
}

function schema(payments: string, orders: string, payouts: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${payments} (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  description TEXT NOT NULL,
  invoice_token TEXT,
  pay_url TEXT,
  invoice_expires_at BIGINT,
  failure_reason TEXT,
  operator TEXT,
  payer TEXT,
  refunded BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  checked_at BIGINT,
  next_check_at BIGINT,
  check_count INTEGER NOT NULL DEFAULT 0,
  fulfilment TEXT,
  fulfilled_at BIGINT,
  fulfil_attempts INTEGER NOT NULL DEFAULT 0,
  claimed_until BIGINT,
  claim_token TEXT,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS ${payments}_order ON ${payments} (order_id, created_at);
CREATE INDEX IF NOT EXISTS ${payments}_due ON ${payments} (next_check_at) WHERE status = 'pending';
CREATE TABLE IF NOT EXISTS ${orders} (order_id TEXT PRIMARY KEY, amount BIGINT, paid_by TEXT);
ALTER TABLE ${payments} ADD COLUMN IF NOT EXISTS payer TEXT;
ALTER TABLE ${payments} ADD COLUMN IF NOT EXISTS refunded BIGINT NOT NULL DEFAULT 0;
${payoutSchema(payouts)}`;
}
