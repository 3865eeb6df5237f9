import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { LigdicashError } from "../core/errors.js";
import type { OrderRecord } from "../model/order.js";
import type { Fulfilment, Payment, PaymentPatch, PaymentStatus } from "../model/payment.js";
import { COLUMNS, FIELDS, patchEntries, paymentValues, rowToPayment } from "./columns.js";
import { timeoutOption } from "./deadline.js";
import type { ChangeListener } from "./change-listeners.js";
import { closeStore, guardStore } from "./guard.js";
import { payoutSchema } from "./payout-columns.js";
import { PayoutDelegation } from "./payout-delegation.js";
import { CHANGES_SCHEMA, SqliteChanges } from "./sqlite-changes.js";
import { SqlitePayouts } from "./sqlite-payouts.js";
import { fulfilmentCompleted, type LigdicashStore } from "./store.js";
import { isSqliteUnavailable } from "./unavailable.js";

export interface SqliteStoreOptions {
  /**
   * How long a write waits for another process's lock before failing with STORE_UNAVAILABLE
   * (503). SQLite waits synchronously, holding up the process meanwhile. Default 2000 ms.
   */
  timeoutMs?: number;
  /**
   * Opens an existing file read-only (a reporting process, a disk mounted read-only): reads
   * work, every write fails with STORE_UNAVAILABLE.
   */
  readonly?: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ligdicash_payments (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  description TEXT NOT NULL,
  invoice_token TEXT,
  pay_url TEXT,
  invoice_expires_at INTEGER,
  failure_reason TEXT,
  operator TEXT,
  payer TEXT,
  refunded INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  checked_at INTEGER,
  next_check_at INTEGER,
  check_count INTEGER NOT NULL DEFAULT 0,
  fulfilment TEXT,
  fulfilled_at INTEGER,
  fulfil_attempts INTEGER NOT NULL DEFAULT 0,
  claimed_until INTEGER,
  claim_token TEXT,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS ligdicash_payments_order ON ligdicash_payments (order_id, created_at);
CREATE INDEX IF NOT EXISTS ligdicash_payments_due ON ligdicash_payments (status, next_check_at);
CREATE TABLE IF NOT EXISTS ligdicash_orders (
  order_id TEXT PRIMARY KEY,
  amount INTEGER,
  paid_by TEXT
);
${payoutSchema("ligdicash_payouts")}`;

/** Columns added to the payments table after its first release: added to older files on open. */
const ADDED_COLUMNS = { payer: "TEXT", refunded: "INTEGER NOT NULL DEFAULT 0" };

/**
 * better-sqlite3 is an optional peer dependency (a native module): loaded only when a SQLite store
 * is made, so that shops on PostgreSQL, Redis or memory never need it.
 */
function loadBetterSqlite(): typeof Database {
  try {
    return createRequire(import.meta.url)("better-sqlite3") as typeof Database;
  } catch (cause) {
    if ((cause as { code?: unknown }).code !== "MODULE_NOT_FOUND") throw cause;
    throw new LigdicashError(
      "INVALID_OPTIONS",
      "The SQLite payment store needs the better-sqlite3 package: install better-sqlite3 " +
        "(npm install better-sqlite3), or pass storage: a PostgresPaymentStore, RedisPaymentStore " +
        "or MemoryPaymentStore.",
      { cause },
    );
  }
}

const CLAIMABLE = `status <> 'pending' AND fulfilment IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)`;

/**
 * The default store: one SQLite file (WAL mode), created with its folder on first use.
 * Safe for several processes on one machine; use PostgreSQL or Redis across machines.
 *
 * @example
 * new SqlitePaymentStore(".ligdicash/payments.db")
 */
export class SqlitePaymentStore extends PayoutDelegation implements LigdicashStore {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #get: Database.Statement<[string]>;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #changes: SqliteChanges;
  readonly #payouts: SqlitePayouts;
  /** Whether the payments table was made by this store (a new or empty file), not found there. */
  readonly created: boolean;

  constructor(filename = ".ligdicash/payments.db", options: SqliteStoreOptions = {}) {
    super();
    const readonly = options.readonly ?? false;
    const timeoutMs = timeoutOption(options.timeoutMs);
    if (filename !== ":memory:" && !readonly) mkdirSync(dirname(filename), { recursive: true });
    const Sqlite = loadBetterSqlite();
    this.#db = new Sqlite(filename, { readonly, fileMustExist: readonly });
    this.#db.pragma(`busy_timeout = ${Math.round(timeoutMs)}`);
    if (!readonly) {
      this.#db.pragma("journal_mode = WAL");
      // FULL: a paid state or a completed hook must survive a power cut, or the hook would run again.
      this.#db.pragma("synchronous = FULL");
      const found = this.#db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ligdicash_payments'")
        .get();
      this.created = found === undefined;
      this.#db.exec(SCHEMA);
      this.#addColumns();
      this.#db.exec(CHANGES_SCHEMA);
    } else {
      this.created = false;
    }
    this.#changes = new SqliteChanges(this.#db);
    guardStore(this, { backend: "SQLite", timeoutMs: null, isUnavailable: isSqliteUnavailable });
    const columns = FIELDS.map((f) => COLUMNS[f]);
    this.#insert = this.#db.prepare(
      `INSERT INTO ligdicash_payments (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    this.#get = this.#db.prepare("SELECT * FROM ligdicash_payments WHERE id = ?");
    this.#payouts = new SqlitePayouts(this.#db, (sql) => this.#stmt(sql));
  }

  protected get payoutBackend(): SqlitePayouts {
    return this.#payouts;
  }

  insert(payment: Payment): Promise<void> {
    return run(() => void this.#insert.run(...paymentValues(payment)));
  }

  get(id: string): Promise<Payment | null> {
    return run(() => {
      const row = this.#get.get(id) as Record<string, unknown> | undefined;
      return row ? rowToPayment(row) : null;
    });
  }

  listByOrder(orderId: string): Promise<Payment[]> {
    return this.#all(
      "SELECT * FROM ligdicash_payments WHERE order_id = ? ORDER BY created_at DESC, id DESC",
      orderId,
    );
  }

  patch(id: string, fields: PaymentPatch): Promise<void> {
    return run(() => void this.#update(id, null, fields));
  }

  transition(
    id: string,
    from: PaymentStatus,
    to: PaymentStatus,
    fields: PaymentPatch = {},
  ): Promise<boolean> {
    return run(() => {
      const moved = this.#update(id, [from, to], fields) === 1;
      if (moved) this.#changes.afterWrite();
      return moved;
    });
  }

  expectOrder(orderId: string, amount: number): Promise<OrderRecord> {
    return run(() => {
      this.#stmt(
        `INSERT INTO ligdicash_orders (order_id, amount, paid_by) VALUES (?, ?, NULL)
         ON CONFLICT (order_id) DO UPDATE SET amount = excluded.amount
         WHERE ligdicash_orders.paid_by IS NULL`,
      ).run(orderId, amount);
      return this.#order(orderId)!;
    });
  }

  getOrder(orderId: string): Promise<OrderRecord | null> {
    return run(() => this.#order(orderId));
  }

  claimOrder(orderId: string, paymentId: string, amount: number): Promise<OrderRecord> {
    return run(() => {
      this.#stmt(
        `INSERT INTO ligdicash_orders (order_id, amount, paid_by) VALUES (?, ?, ?)
         ON CONFLICT (order_id) DO UPDATE SET paid_by = excluded.paid_by
         WHERE ligdicash_orders.paid_by IS NULL
           AND (ligdicash_orders.amount IS NULL OR ligdicash_orders.amount = excluded.amount)`,
      ).run(orderId, amount, paymentId);
      return this.#order(orderId)!;
    });
  }

  claimFulfilment(id: string, token: string, leaseMs: number): Promise<boolean> {
    const sql = `UPDATE ligdicash_payments SET claimed_until = ?, claim_token = ? WHERE id = ? AND ${CLAIMABLE}`;
    return run(() => {
      const now = Date.now();
      return this.#stmt(sql).run(now + leaseMs, token, id, now).changes === 1;
    });
  }

  renewFulfilment(id: string, token: string, leaseMs: number): Promise<boolean> {
    const sql = `UPDATE ligdicash_payments SET claimed_until = ?
      WHERE id = ? AND claim_token = ? AND fulfilment IS NULL`;
    return run(() => this.#stmt(sql).run(Date.now() + leaseMs, id, token).changes === 1);
  }

  completeFulfilment(id: string, outcome: Fulfilment): Promise<void> {
    return run(() => {
      const fields = patchEntries(fulfilmentCompleted(Date.now(), outcome));
      const sets = fields.map(([column]) => `${column} = ?`).join(", ");
      const sql = `UPDATE ligdicash_payments SET ${sets} WHERE id = ? AND fulfilment IS NULL`;
      this.#stmt(sql).run(...fields.map(([, value]) => value), id);
    });
  }

  releaseFulfilment(id: string, token: string, error: string, retryAfterMs: number): Promise<void> {
    const sql = `UPDATE ligdicash_payments SET claimed_until = ?, claim_token = NULL,
      fulfil_attempts = fulfil_attempts + 1, last_error = ?, updated_at = ? WHERE id = ? AND claim_token = ?`;
    return run(() => {
      const now = Date.now();
      this.#stmt(sql).run(now + retryAfterMs, error, now, id, token);
    });
  }

  listDuePending(now: number, createdAfter: number, limit: number): Promise<Payment[]> {
    return this.#all(
      `SELECT * FROM ligdicash_payments WHERE status = 'pending' AND invoice_token IS NOT NULL
       AND next_check_at <= ? AND created_at > ? ORDER BY next_check_at LIMIT ?`,
      now,
      createdAfter,
      limit,
    );
  }

  listUnfulfilled(limit: number): Promise<Payment[]> {
    return this.#all(
      `SELECT * FROM ligdicash_payments WHERE ${CLAIMABLE} ORDER BY updated_at LIMIT ?`,
      Date.now(),
      limit,
    );
  }

  /** SQLite lives on one machine: its processes share the host clock. */
  now(): Promise<number> {
    return run(() => Date.now());
  }

  /**
   * Reports status changes made through this store at once, and those of other processes (or
   * other stores on the same file) within 250 ms: the file is checked that often while anyone
   * listens.
   */
  watch(listener: ChangeListener): () => void {
    return this.#changes.watch(listener);
  }

  /** Closes the file. Later calls are refused. */
  close(): Promise<void> {
    this.#changes.close();
    return closeStore(this, () => run(() => void this.#db.close()));
  }

  /** A file made by an earlier version lacks the newer payment columns: add them. */
  #addColumns(): void {
    const present = new Set(
      (this.#db.pragma("table_info(ligdicash_payments)") as Array<{ name: string }>).map(
        (column) => column.name,
      ),
    );
    for (const [name, type] of Object.entries(ADDED_COLUMNS)) {
      if (!present.has(name))
        this.#db.exec(`ALTER TABLE ligdicash_payments ADD COLUMN ${name} ${type}`);
    }
  }

  #order(orderId: string): OrderRecord | null {
    const row = this.#stmt(
      "SELECT order_id, amount, paid_by FROM ligdicash_orders WHERE order_id = ?",
    ).get(orderId) as
      { order_id: string; amount: number | null; paid_by: string | null } | undefined;
    return row ? { orderId: row.order_id, amount: row.amount, paidBy: row.paid_by } : null;
  }

  /** UPDATE with optional status guard; returns the number of rows changed. */
  #update(id: string, guard: [PaymentStatus, PaymentStatus] | null, fields: PaymentPatch): number {
    const entries = patchEntries({ ...fields, updatedAt: fields.updatedAt ?? Date.now() });
    const sets = entries.map(([column]) => `${column} = ?`);
    const values = entries.map(([, value]) => value);
    if (guard) sets.push("status = ?");
    const where = guard ? "id = ? AND status = ?" : "id = ?";
    const params = guard ? [...values, guard[1], id, guard[0]] : [...values, id];
    const sql = `UPDATE ligdicash_payments SET ${sets.join(", ")} WHERE ${where}`;
    return this.#stmt(sql).run(...params).changes;
  }

  /** Prepared statements are reused: preparing is the slow part of a small query. */
  #stmt(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #all(sql: string, ...params: unknown[]): Promise<Payment[]> {
    return run(() =>
      (this.#stmt(sql).all(...params) as Record<string, unknown>[]).map(rowToPayment),
    );
  }
}

/** better-sqlite3 is synchronous: turn its throws into rejections so callers see one error path. */
function run<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
