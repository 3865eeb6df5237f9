import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { newPayment } from "../src/model/payment.js";
import { PostgresPaymentStore } from "../src/storage/postgres.js";
import { timed } from "./faults.js";
import { PG_URL, serviceAvailable } from "./services.js";

const tablePrefix = `ligdicash_setup_${randomBytes(4).toString("hex")}`;
const open = () =>
  new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix, timeoutMs: 2_000 });

describe.runIf(await serviceAvailable(PG_URL))("PostgresPaymentStore start-up", () => {
  const admin = new pg.Pool({ connectionString: PG_URL, max: 2 });
  admin.on("error", () => {});
  afterAll(async () => {
    const store = open();
    await store.dropTables();
    await store.close();
    await admin.end();
  });

  it("a new app instance starting while a refund's transaction runs neither waits for it nor deadlocks it", async () => {
    const first = open();
    const payment = {
      ...newPayment({ orderId: "o", amount: 9_000, description: "d", now: 1, firstCheckAt: 2 }),
      status: "paid" as const,
    };
    await first.insert(payment);
    // A refund under way elsewhere: its payment row locked, its payout row written, not committed.
    const refund = await admin.connect();
    await refund.query("BEGIN");
    await refund.query(`SELECT refunded FROM ${tablePrefix}_payments WHERE id = $1 FOR UPDATE`, [
      payment.id,
    ]);
    await refund.query(
      `INSERT INTO ${tablePrefix}_payouts (id, status, amount, currency, method, beneficiary, country, description, created_at, updated_at)
       VALUES ('rf-setup', 'pending', 100, 'XOF', 'mobile_money', '22670000000', 'BF', 'r', 1, 1)`,
    );
    const second = open();
    try {
      const read = await timed(() => second.get(payment.id));
      expect(read.error).toBeUndefined();
      expect(read.ms).toBeLessThan(1_500);
      // The refund goes on to its payment update and commits.
      await refund.query(`UPDATE ${tablePrefix}_payments SET refunded = 100 WHERE id = $1`, [
        payment.id,
      ]);
      await refund.query("COMMIT");
      expect((await second.get(payment.id))?.refunded).toBe(100);
    } finally {
      await refund.query("ROLLBACK").catch(() => undefined);
      refund.release();
      await Promise.all([first.close(), second.close()]);
    }
  });
});
