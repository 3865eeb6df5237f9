import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { newPayment } from "../model/payment.js";
import { paymentStoreConformance } from "./conformance.js";
import { MemoryPaymentStore } from "./memory.js";
import { payoutStoreConformance } from "./payout-conformance.js";
import { SqlitePaymentStore } from "./sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "ligdicash-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("MemoryPaymentStore", () => {
  const create = () => new MemoryPaymentStore();
  for (const check of [...paymentStoreConformance(create), ...payoutStoreConformance(create)])
    it(check.name, check.run);
});

describe("SqlitePaymentStore", () => {
  const file = join(dir, "nested", "folder", "payments.db");
  const create = () => new SqlitePaymentStore(file);
  for (const check of [...paymentStoreConformance(create), ...payoutStoreConformance(create)])
    it(check.name, check.run);

  it("creates its folder and file on first use, in WAL mode, and keeps data across reopenings", async () => {
    const path = join(dir, "fresh", "p.db");
    expect(existsSync(path)).toBe(false);
    const store = new SqlitePaymentStore(path);
    expect(existsSync(path)).toBe(true);
    const payment = newPayment({
      orderId: "order_1",
      amount: 15000,
      description: "d",
      now: 1,
      firstCheckAt: 2,
    });
    await store.insert(payment);
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
    const again = new SqlitePaymentStore(path);
    await expect(again.get(payment.id)).resolves.toEqual(payment);
    await again.close();
  });

  it("lets exactly one of two connections to the same file win a transition", async () => {
    const path = join(dir, "shared.db");
    const [a, b] = [new SqlitePaymentStore(path), new SqlitePaymentStore(path)];
    const payment = newPayment({
      orderId: "order_2",
      amount: 15000,
      description: "d",
      now: 1,
      firstCheckAt: 2,
    });
    await a.insert(payment);
    const wins = await Promise.all([
      a.transition(payment.id, "pending", "paid"),
      b.transition(payment.id, "pending", "failed"),
    ]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    const [first, second] = [
      await a.claimOrder("order_2", "pay_a", 5_000),
      await b.claimOrder("order_2", "pay_b", 5_000),
    ];
    expect(second.paidBy).toBe(first.paidBy);
    await Promise.all([a.close(), b.close()]);
  });

  it("opens a file made before refunds existed: the new payment columns are added, rows kept", async () => {
    const path = join(dir, "older.db");
    const old = new Database(path);
    old.exec(`CREATE TABLE ligdicash_payments (
      id TEXT PRIMARY KEY, order_id TEXT NOT NULL, status TEXT NOT NULL, amount INTEGER NOT NULL,
      currency TEXT NOT NULL, description TEXT NOT NULL, invoice_token TEXT, pay_url TEXT,
      invoice_expires_at INTEGER, failure_reason TEXT, operator TEXT, created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL, checked_at INTEGER, next_check_at INTEGER,
      check_count INTEGER NOT NULL DEFAULT 0, fulfilment TEXT, fulfilled_at INTEGER,
      fulfil_attempts INTEGER NOT NULL DEFAULT 0, claimed_until INTEGER, claim_token TEXT,
      last_error TEXT)`);
    old
      .prepare(
        "INSERT INTO ligdicash_payments (id, order_id, status, amount, currency, description, created_at, updated_at) VALUES (?, ?, 'paid', 5000, 'XOF', 'd', 1, 1)",
      )
      .run("pay_olderolderolderolder0000", "order_old");
    old.close();
    const store = new SqlitePaymentStore(path);
    expect(await store.get("pay_olderolderolderolder0000")).toMatchObject({
      status: "paid",
      payer: null,
      refunded: 0,
    });
    await store.close();
  });
});
