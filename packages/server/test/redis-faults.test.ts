import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { newPayment, type Payment } from "../src/model/payment.js";
import { RedisPaymentStore, type RedisStoreOptions } from "../src/storage/redis.js";
import { expectRefusedAfterClose, recordingLogger, timed } from "./faults.js";
import { startProxy, type FaultProxy } from "./proxy.js";
import { dropRedisKeys, REDIS_URL, serviceAvailable } from "./services.js";

const suffix = randomBytes(4).toString("hex");
const keyPrefix = `{ligdicash-faults-${suffix}}:`;
/** The store's connections carry this name, so the test can count exactly them. */
const connectionName = `ligdicash-faults-${suffix}`;
const TIMEOUT_MS = 1_000;

const urlVia = (port: number) => {
  const url = new URL(REDIS_URL);
  url.port = String(port);
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

describe.runIf(await serviceAvailable(REDIS_URL))("RedisPaymentStore faults", () => {
  const admin = new Redis(REDIS_URL);
  const cleanup: Array<() => Promise<unknown>> = [];
  const open = (options: Partial<RedisStoreOptions> = {}) => {
    const store = new RedisPaymentStore({
      url: REDIS_URL,
      keyPrefix,
      timeoutMs: TIMEOUT_MS,
      redisOptions: { connectionName },
      ...options,
    });
    cleanup.push(() => store.close());
    return store;
  };
  const proxied = async (options: Partial<RedisStoreOptions> = {}) => {
    const proxy = await startProxy(Number(new URL(REDIS_URL).port));
    cleanup.push(() => proxy.close());
    return { proxy, store: open({ url: urlVia(proxy.port), ...options }) };
  };
  const connections = async () =>
    String(await admin.client("LIST"))
      .split("\n")
      .filter((line) => line.includes(` name=${connectionName} `)).length;

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  afterAll(async () => {
    await dropRedisKeys(keyPrefix);
    await admin.quit();
  });

  describe.each([
    ["refuses connections", (proxy: FaultProxy) => proxy.refuse()],
    ["answers nothing", (proxy: FaultProxy) => proxy.blackhole()],
    ["is cut off by a partition", (proxy: FaultProxy) => proxy.freeze()],
  ])("while the server %s", (_name, breakIt) => {
    it(`every call fails within timeoutMs (${TIMEOUT_MS} ms); once it is back calls work again`, async () => {
      const log = recordingLogger();
      const { proxy, store } = await proxied({ logger: log.logger });
      const payment = sample();
      await store.insert(payment);
      breakIt(proxy);
      const results = await Promise.all([
        timed(() => store.get(payment.id)),
        timed(() => store.transition(payment.id, "pending", "paid")),
        timed(() => store.listDuePending(10, 0, 10)),
        timed(() => store.insert(sample())),
        timed(() => store.claimOrder(payment.orderId, payment.id, payment.amount)),
      ]);
      for (const result of results) {
        expect(result.error).toMatchObject(unavailable);
        expect(result.ms).toBeLessThan(TIMEOUT_MS + 300);
      }
      proxy.resume();
      // After a partition, a command sent before it began may still arrive: the payment can be
      // paid already. What matters is that the store answers again.
      expect((await store.get(payment.id))?.id).toBe(payment.id);
      const second = sample();
      await store.insert(second);
      expect(await store.transition(second.id, "pending", "paid")).toBe(true);
      // One warning for the outage, not one per reconnection attempt.
      expect(log.warnings().length).toBeLessThanOrEqual(1);
    });
  });

  it("a call that failed while Redis was down does not run once it is back", async () => {
    const { proxy, store } = await proxied();
    const payment = sample();
    await store.insert(payment);
    proxy.refuse();
    await expect(store.transition(payment.id, "pending", "failed")).rejects.toMatchObject(
      unavailable,
    );
    proxy.resume();
    expect(await store.transition(payment.id, "pending", "paid")).toBe(true);
    expect((await store.get(payment.id))?.status).toBe("paid");
  });

  it("after close() refuses every call at once and never connects again", async () => {
    const store = open();
    await store.insert(sample());
    expect(await connections()).toBe(1);
    await expectRefusedAfterClose(store);
    expect(await connections()).toBe(0);
  });

  it("a call racing close() is refused, not served by a new client", async () => {
    const store = open();
    await store.get("pay_unknownunknownunknown00");
    const reading = store.get("pay_unknownunknownunknown00");
    const closing = store.close();
    await expect(reading).rejects.toThrow(/store is closed/);
    await closing;
    expect(await connections()).toBe(0);
  });

  it("leaves a client the shop passed open", async () => {
    const shopClient = new Redis(REDIS_URL);
    const store = new RedisPaymentStore({ client: shopClient, keyPrefix });
    await store.insert(sample());
    await expectRefusedAfterClose(store);
    expect(await shopClient.ping()).toBe("PONG");
    await shopClient.quit();
  });
});
