import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { newPayment } from "../model/payment.js";
import { SQLITE_CHANGE_POLL_MS } from "./sqlite-changes.js";
import { SqlitePaymentStore } from "./sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "ligdicash-sqlite-changes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves with the first thing `store.watch` reports, or rejects after a few check intervals. */
function next(store: SqlitePaymentStore): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error("nothing reported"));
    }, SQLITE_CHANGE_POLL_MS * 8);
    const stop = store.watch((orderId) => {
      clearTimeout(timer);
      stop();
      resolve(orderId);
    });
  });
}

async function pendingPayment(store: SqlitePaymentStore, orderId: string) {
  const payment = newPayment({ orderId, amount: 2500, description: "d", now: 1, firstCheckAt: 2 });
  await store.insert(payment);
  return payment;
}

describe("SQLite change notifications", () => {
  it("report a status change made through another connection to the file, not a patch", async () => {
    const file = join(dir, "two.db");
    const [here, there] = [new SqlitePaymentStore(file), new SqlitePaymentStore(file)];
    try {
      const patched = await pendingPayment(there, "order_patched");
      const moved = await pendingPayment(there, "order_moved");
      const heard = next(here);
      await there.patch(patched.id, { checkCount: 3 });
      await there.transition(moved.id, "pending", "paid");
      expect(await heard).toBe("order_moved");
    } finally {
      await Promise.all([here.close(), there.close()]);
    }
  });

  it("say that anything may have changed when the log was pruned past what was read", async () => {
    const file = join(dir, "pruned.db");
    const store = new SqlitePaymentStore(file);
    const raw = new Database(file);
    try {
      const heard = next(store);
      // As if more than the log keeps happened between two checks: its oldest rows are gone.
      raw.prepare("INSERT INTO ligdicash_changes (seq, order_id) VALUES (?, ?)").run(5_000, "o");
      expect(await heard).toBeNull();
    } finally {
      raw.close();
      await store.close();
    }
  });

  it("keep only the last 1,000 changes", async () => {
    const file = join(dir, "kept.db");
    const store = new SqlitePaymentStore(file);
    const raw = new Database(file);
    try {
      raw.pragma("synchronous = OFF");
      const insert = raw.prepare("INSERT INTO ligdicash_changes (order_id) VALUES (?)");
      raw.transaction(() => {
        for (let i = 0; i < 1_500; i++) insert.run(`o${i}`);
      })();
      const payment = await pendingPayment(store, "order_last");
      await store.transition(payment.id, "pending", "failed");
      const rows = raw
        .prepare("SELECT min(seq) AS low, max(seq) AS high, count(*) AS n FROM ligdicash_changes")
        .get() as { low: number; high: number; n: number };
      expect(rows).toEqual({ low: 502, high: 1_501, n: 1_000 });
    } finally {
      raw.close();
      await store.close();
    }
  });
});
