import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { newPayment, type Payment } from "../src/model/payment.js";
import { PostgresPaymentStore, type PostgresStoreOptions } from "../src/storage/postgres.js";
import { expectRefusedAfterClose, recordingLogger, timed } from "./faults.js";
import { startProxy, type FaultProxy } from "./proxy.js";
import { PG_URL, serviceAvailable } from "./services.js";

const suffix = randomBytes(4).toString("hex");
const tablePrefix = `ligdicash_faults_${suffix}`;
/** The store's connections carry this name, so the test can find (and kill) exactly them. */
const appName = `ligdicash_faults_${suffix}`;
const TIMEOUT_MS = 1_000;

const urlVia = (port: number) => {
  const url = new URL(PG_URL);
  url.port = String(port);
  url.searchParams.set("application_name", appName);
  return url.toString();
};
const sample = (): Payment =>
  newPayment({
    orderId: `order_${randomBytes(6).toString("hex")}`,
    amount: 900,
    description: "d",
    now: 1,
    firstCheckAt: 2,
  });
const unavailable = { code: "STORE_UNAVAILABLE", status: 503 };
/** Every table a store with this prefix makes. */
const tables = (prefix: string) =>
  ["payments", "orders", "payouts"].map((name) => `${prefix}_${name}`).join(", ");

describe.runIf(await serviceAvailable(PG_URL))("PostgresPaymentStore faults", () => {
  const admin = new pg.Pool({ connectionString: PG_URL, max: 3 });
  admin.on("error", () => {});
  const cleanup: Array<() => Promise<unknown>> = [];
  const open = (options: Partial<PostgresStoreOptions> = {}) => {
    const store = new PostgresPaymentStore({
      connectionString: urlVia(Number(new URL(PG_URL).port)),
      tablePrefix,
      timeoutMs: TIMEOUT_MS,
      ...options,
    });
    cleanup.push(() => store.close());
    return store;
  };
  const proxied = async (options: Partial<PostgresStoreOptions> = {}) => {
    const proxy = await startProxy(Number(new URL(PG_URL).port));
    cleanup.push(() => proxy.close());
    return { proxy, store: open({ connectionString: urlVia(proxy.port), ...options }) };
  };
  const backends = async () =>
    Number(
      (
        await admin.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1",
          [appName],
        )
      ).rows[0]!.n,
    );
  const terminate = () =>
    admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [appName],
    );

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  beforeAll(async () => {
    // The tables first, with time to spare: each test's 1 s deadline is about its own fault.
    const setup = open({ timeoutMs: 20_000 });
    await setup.now();
    await setup.close();
  });
  afterAll(async () => {
    await admin.query(`DROP TABLE IF EXISTS ${tables(tablePrefix)}`);
    await admin.end();
  });

  it("survives its idle connections being terminated: logs a warning and the next call reconnects", async () => {
    const log = recordingLogger();
    const store = open({ logger: log.logger });
    const payment = sample();
    await store.insert(payment);
    const warned = log.nextWarning();
    expect((await terminate()).rowCount).toBeGreaterThan(0);
    await warned;
    expect(log.warnings()[0]?.message).toMatch(/connection lost/);
    expect(await store.get(payment.id)).toEqual(payment);
  });

  it("calls under way when their connections are terminated fail with STORE_UNAVAILABLE; the next ones work", async () => {
    const store = open({ timeoutMs: 10_000 });
    const payment = sample();
    await store.insert(payment);
    const locker = await admin.connect();
    await locker.query(`BEGIN; LOCK TABLE ${tablePrefix}_payments IN ACCESS EXCLUSIVE MODE`);
    const calls = [
      store.get(payment.id),
      store.listByOrder(payment.orderId),
      store.patch(payment.id, { checkCount: 1 }),
    ];
    const outcomes = Promise.allSettled(calls);
    // Wait (by asking the server, not by sleeping) until all three are blocked on the lock.
    let waiting = 0;
    for (let tries = 0; waiting < calls.length && tries < 500; tries += 1) {
      const { rows } = await admin.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
        [appName],
      );
      waiting = Number(rows[0]!.n);
    }
    expect(waiting).toBe(calls.length);
    await terminate();
    for (const outcome of await outcomes) {
      expect(outcome).toMatchObject({ status: "rejected", reason: unavailable });
    }
    await locker.query("ROLLBACK");
    locker.release();
    expect(await store.get(payment.id)).toEqual(payment);
    expect(await store.transition(payment.id, "pending", "paid")).toBe(true);
  });

  it("creates its tables on a later call when the first connect failed", async () => {
    const { proxy, store } = await proxied({ tablePrefix: `${tablePrefix}_late` });
    cleanup.push(() => admin.query(`DROP TABLE IF EXISTS ${tables(`${tablePrefix}_late`)}`));
    proxy.refuse();
    await expect(store.get("pay_x")).rejects.toMatchObject(unavailable);
    proxy.resume();
    const payment = sample();
    await store.insert(payment);
    expect(await store.get(payment.id)).toEqual(payment);
  });

  describe.each([
    ["refuses connections", (proxy: FaultProxy) => proxy.refuse()],
    ["answers nothing", (proxy: FaultProxy) => proxy.blackhole()],
    ["is cut off by a partition", (proxy: FaultProxy) => proxy.freeze()],
  ])("while the server %s", (_name, breakIt) => {
    it(`every call fails within timeoutMs (${TIMEOUT_MS} ms); once it is back calls work again`, async () => {
      const { proxy, store } = await proxied();
      const payment = sample();
      await store.insert(payment);
      breakIt(proxy);
      const results = await Promise.all([
        timed(() => store.get(payment.id)),
        timed(() => store.transition(payment.id, "pending", "paid")),
        timed(() => store.listDuePending(10, 0, 10)),
        timed(() => store.insert(sample())),
      ]);
      for (const result of results) {
        expect(result.error).toMatchObject(unavailable);
        expect(result.ms).toBeLessThan(TIMEOUT_MS + 300);
      }
      proxy.resume();
      // After a partition, a statement sent before it began may still arrive: the payment can be
      // paid already. What matters is that the store answers again.
      expect((await store.get(payment.id))?.id).toBe(payment.id);
      const second = sample();
      await store.insert(second);
      expect(await store.transition(second.id, "pending", "paid")).toBe(true);
    });
  });

  it("after close() refuses every call at once and never opens a connection again", async () => {
    const store = open();
    await store.insert(sample());
    expect(await backends()).toBeGreaterThan(0);
    await expectRefusedAfterClose(store);
    // The server drops a backend shortly after its client leaves: ask until it has.
    let left = await backends();
    for (let tries = 0; left > 0 && tries < 200; tries += 1) left = await backends();
    expect(left).toBe(0);
  });

  it("a call racing close() is refused, not served by a new pool", async () => {
    const store = open();
    await store.get("pay_unknownunknownunknown00");
    const reading = store.get("pay_unknownunknownunknown00");
    const closing = store.close();
    await expect(reading).rejects.toThrow(/store is closed/);
    await closing;
  });

  it("leaves a pool the shop passed open and adds no listener to it; warns when it has no 'error' listener", async () => {
    const shopPool = new pg.Pool({ connectionString: PG_URL, max: 2 });
    const log = recordingLogger();
    const store = new PostgresPaymentStore({ pool: shopPool, tablePrefix, logger: log.logger });
    await store.insert(sample());
    expect(shopPool.listenerCount("error")).toBe(0);
    expect(log.warnings().map((w) => w.message)).toEqual([
      expect.stringMatching(/no 'error' listener/),
    ]);
    await expectRefusedAfterClose(store);
    expect((await shopPool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await shopPool.end();
  });
});
