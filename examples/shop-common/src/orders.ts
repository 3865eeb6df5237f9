import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { findProduct, type PricedLine } from "./catalog.js";
import type { OrderStatus, OrderView } from "./api-types.js";

// The shop's own tables, in their own file: the payment kit keeps its records elsewhere.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS shop_orders (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'paid')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  payment_id TEXT,
  operator TEXT,
  delivered_at INTEGER
);
CREATE TABLE IF NOT EXISTS shop_order_lines (
  order_id TEXT NOT NULL REFERENCES shop_orders (id),
  position INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, position)
);`;

interface OrderRow {
  id: string;
  status: OrderStatus;
  amount: number;
  created_at: number;
  paid_at: number | null;
  payment_id: string | null;
  operator: string | null;
  delivered_at: number | null;
}

interface LineRow {
  product_id: string;
  quantity: number;
  unit_price: number;
}

/** A new order id: `ord_` and 144 random bits, so that nobody can guess another shopper's order. */
export function newOrderId(): string {
  return `ord_${randomBytes(18).toString("base64url")}`;
}

/**
 * The shop's orders, in SQLite. Payment state changes arrive through `markPaid` and
 * `markDelivered`, both idempotent: the kit may retry a hook that failed half-way.
 *
 * @example
 * const orders = new OrderBook(".data/orders.db");
 * const order = orders.create(lines, amount);
 */
export class OrderBook {
  readonly #db: Database.Database;

  constructor(filename: string) {
    if (filename !== ":memory:") mkdirSync(dirname(filename), { recursive: true });
    this.#db = new Database(filename);
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("busy_timeout = 5000");
    this.#db.pragma("foreign_keys = ON");
    this.#db.exec(SCHEMA);
  }

  /** Stores a new order awaiting payment. */
  create(lines: readonly PricedLine[], amount: number, now = Date.now()): OrderView {
    const id = newOrderId();
    const insertLine = this.#db.prepare(
      "INSERT INTO shop_order_lines (order_id, position, product_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?)",
    );
    this.#db.transaction(() => {
      this.#db
        .prepare(
          "INSERT INTO shop_orders (id, status, amount, created_at) VALUES (?, 'awaiting_payment', ?, ?)",
        )
        .run(id, amount, now);
      lines.forEach((line, position) =>
        insertLine.run(id, position, line.productId, line.quantity, line.unitPrice),
      );
    })();
    return this.get(id)!;
  }

  /** The order, or null when no order has this id. */
  get(id: string): OrderView | null {
    const row = this.#db.prepare("SELECT * FROM shop_orders WHERE id = ?").get(id) as
      OrderRow | undefined;
    if (!row) return null;
    const lines = this.#db
      .prepare(
        "SELECT product_id, quantity, unit_price FROM shop_order_lines WHERE order_id = ? ORDER BY position",
      )
      .all(id) as LineRow[];
    return {
      id: row.id,
      status: row.status,
      delivered: row.delivered_at !== null,
      items: lines.map((line) => ({
        productId: line.product_id,
        name: findProduct(line.product_id)?.name ?? { fr: line.product_id, en: line.product_id },
        quantity: line.quantity,
        unitPrice: line.unit_price,
      })),
      amount: row.amount,
      currency: "XOF",
      operator: row.operator,
      createdAt: iso(row.created_at)!,
      paidAt: iso(row.paid_at),
      deliveredAt: iso(row.delivered_at),
    };
  }

  /** The newest orders first, at most `limit`. */
  list(limit = 50): OrderView[] {
    const ids = this.#db
      .prepare("SELECT id FROM shop_orders ORDER BY created_at DESC, id DESC LIMIT ?")
      .all(limit) as Array<{ id: string }>;
    return ids.map(({ id }) => this.get(id)!);
  }

  /**
   * Records the payment of an order. Returns false when it was already paid (a retried hook), so
   * the caller knows not to do one-time work twice.
   */
  markPaid(id: string, payment: { paymentId: string; operator: string | null }, now = Date.now()) {
    const result = this.#db
      .prepare(
        "UPDATE shop_orders SET status = 'paid', paid_at = ?, payment_id = ?, operator = ? WHERE id = ? AND status = 'awaiting_payment'",
      )
      .run(now, payment.paymentId, payment.operator, id);
    return result.changes === 1;
  }

  /** Records the hand-over of a paid order; a second call changes nothing. */
  markDelivered(id: string, now = Date.now()): boolean {
    const result = this.#db
      .prepare(
        "UPDATE shop_orders SET delivered_at = ? WHERE id = ? AND status = 'paid' AND delivered_at IS NULL",
      )
      .run(now, id);
    return result.changes === 1;
  }

  close(): void {
    this.#db.close();
  }
}

function iso(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}
