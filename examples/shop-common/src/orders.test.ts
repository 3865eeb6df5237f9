import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { priceLines, type PricedLine } from "./catalog.js";
import { OrderBook, newOrderId } from "./orders.js";

const lines = (
  priceLines([{ productId: "pagne-faso-dan-fani", quantity: 2 }]) as {
    lines: PricedLine[];
  }
).lines;

describe("OrderBook", () => {
  let book: OrderBook | undefined;
  afterEach(() => book?.close());

  it("makes ids of 144 random bits that never repeat", () => {
    const ids = new Set(Array.from({ length: 1000 }, newOrderId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^ord_[A-Za-z0-9_-]{24}$/);
  });

  it("stores an order awaiting payment and reads it back", () => {
    book = new OrderBook(":memory:");
    const order = book.create(lines, 30_000, Date.UTC(2026, 3, 15));
    expect(book.get(order.id)).toEqual({
      id: order.id,
      status: "awaiting_payment",
      delivered: false,
      items: [
        {
          productId: "pagne-faso-dan-fani",
          name: { fr: "Pagne Faso Dan Fani", en: "Faso Dan Fani cloth" },
          quantity: 2,
          unitPrice: 15_000,
        },
      ],
      amount: 30_000,
      currency: "XOF",
      operator: null,
      createdAt: "2026-04-15T00:00:00.000Z",
      paidAt: null,
      deliveredAt: null,
    });
    expect(book.get("ord_unknown")).toBeNull();
  });

  it("marks an order paid and delivered once, however often the hook is retried", () => {
    book = new OrderBook(":memory:");
    const { id } = book.create(lines, 30_000);
    expect(book.markDelivered(id)).toBe(false); // not paid yet: nothing to hand over
    const payment = { paymentId: "pay_1", operator: "ORANGE BURKINA" };
    expect(book.markPaid(id, payment, 1_000)).toBe(true);
    expect(book.markPaid(id, payment, 2_000)).toBe(false);
    expect(book.markDelivered(id, 3_000)).toBe(true);
    expect(book.markDelivered(id, 4_000)).toBe(false);
    expect(book.get(id)).toMatchObject({
      status: "paid",
      delivered: true,
      operator: "ORANGE BURKINA",
      paidAt: new Date(1_000).toISOString(),
      deliveredAt: new Date(3_000).toISOString(),
    });
  });

  it("keeps orders in its own file across restarts", () => {
    const dir = mkdtempSync(join(tmpdir(), "orders-"));
    try {
      const file = join(dir, "nested", "orders.db");
      book = new OrderBook(file);
      const { id } = book.create(lines, 30_000);
      book.close();
      book = new OrderBook(file);
      expect(book.get(id)?.amount).toBe(30_000);
    } finally {
      book?.close();
      book = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
