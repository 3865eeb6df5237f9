import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { paymentStoreConformance } from "./conformance.js";
import { MemoryPaymentStore } from "./memory.js";
import { SqlitePaymentStore } from "./sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "ligdicash-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("MemoryPaymentStore", () => {
  for (const check of paymentStoreConformance(() => new MemoryPaymentStore()))
    it(check.name, check.run);
});

describe("SqlitePaymentStore", () => {
  const file = join(dir, "nested", "folder", "payments.db");
  for (const check of paymentStoreConformance(() => new SqlitePaymentStore(file)))
    it(check.name, check.run);

  it("creates its folder and file on first use, in WAL mode, and keeps data across reopenings", async () => {
    const path = join(dir, "fresh", "p.db");
    const store = new SqlitePaymentStore(path);
    const [payment] = await new MemoryPaymentStore().listByOrder("none");
    expect(payment).toBeUndefined();
    await store.close();
    const again = new SqlitePaymentStore(path);
    await expect(again.listByOrder("none")).resolves.toEqual([]);
    await again.close();
  });
});
