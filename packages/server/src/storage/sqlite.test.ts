import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { newPayment, type Payment } from "../model/payment.js";
import { timed } from "../../test/faults.js";
import { SqlitePaymentStore } from "./sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "ligdicash-sqlite-faults-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = (orderId: string): Payment =>
  newPayment({ orderId, amount: 2500, description: "d", now: 1, firstCheckAt: 2 });

const unavailable = (cause: string) => ({
  code: "STORE_UNAVAILABLE",
  status: 503,
  cause: expect.objectContaining({ code: cause }) as unknown,
});

describe("SqlitePaymentStore faults", () => {
  // File modes do not stop root (these tests run as root in CI), so read-only is the open flag.
  it("opened read-only: reads work, every write fails with STORE_UNAVAILABLE, and nothing changes", async () => {
    const file = join(dir, "readonly.db");
    const writer = new SqlitePaymentStore(file);
    const payment = { ...sample("order_ro"), invoiceToken: "invoice-token" };
    await writer.insert(payment);
    await writer.close();

    const store = new SqlitePaymentStore(file, { readonly: true });
    expect(await store.get(payment.id)).toEqual(payment);
    expect(await store.listByOrder("order_ro")).toEqual([payment]);
    expect(await store.listDuePending(10, 0, 5)).toEqual([payment]);
    const writes = [
      store.insert(sample("order_ro_2")),
      store.patch(payment.id, { checkCount: 1 }),
      store.transition(payment.id, "pending", "paid"),
      store.claimOrder("order_ro", payment.id, 15_000),
    ];
    for (const write of writes)
      await expect(write).rejects.toMatchObject(unavailable("SQLITE_READONLY"));
    expect(await store.get(payment.id)).toEqual(payment);
    await store.close();

    const healed = new SqlitePaymentStore(file);
    expect(await healed.transition(payment.id, "pending", "paid")).toBe(true);
    await healed.close();
  });

  it("refuses to open a missing file read-only rather than create it", () => {
    expect(() => new SqlitePaymentStore(join(dir, "missing.db"), { readonly: true })).toThrow();
  });

  it("a write blocked by another process's lock fails after timeoutMs; reads go on; the write works once the lock is gone", async () => {
    const file = join(dir, "locked.db");
    const store = new SqlitePaymentStore(file, { timeoutMs: 300 });
    const payment = sample("order_lock");
    await store.insert(payment);
    const holder = new Database(file);
    holder.exec("BEGIN IMMEDIATE");

    const blocked = await timed(() => store.transition(payment.id, "pending", "paid"));
    expect(blocked.error).toMatchObject(unavailable("SQLITE_BUSY"));
    expect(blocked.ms).toBeGreaterThanOrEqual(250);
    expect(blocked.ms).toBeLessThan(1_500);
    expect((await store.get(payment.id))?.status).toBe("pending");

    holder.exec("ROLLBACK");
    holder.close();
    expect(await store.transition(payment.id, "pending", "paid")).toBe(true);
    await store.close();
  });
});
