import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { newPayment } from "../model/payment.js";
import { expectRefusedAfterClose } from "../../test/faults.js";
import { MemoryPaymentStore } from "./memory.js";
import { SqlitePaymentStore } from "./sqlite.js";
import type { PaymentStore } from "./store.js";

const dir = mkdtempSync(join(tmpdir(), "ligdicash-closed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stores: Array<[string, () => PaymentStore]> = [
  ["MemoryPaymentStore", () => new MemoryPaymentStore()],
  ["SqlitePaymentStore", () => new SqlitePaymentStore(join(dir, "closed.db"))],
];

describe.each(stores)("%s after close()", (_name, createStore) => {
  it("refuses every method at once with a clear error, and closing again is a no-op", async () => {
    const store = createStore();
    const payment = newPayment({
      orderId: "order_closed",
      amount: 1000,
      description: "d",
      now: 1,
      firstCheckAt: 2,
    });
    await store.insert(payment);
    await expectRefusedAfterClose(store);
  });
});
