import { randomBytes } from "node:crypto";
import { startEmulator, type Emulator, type EmulatorInvoice } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresPaymentStore } from "../src/storage/postgres.js";
import { RedisPaymentStore } from "../src/storage/redis.js";
import type { PaymentStore } from "../src/storage/store.js";
import { timed } from "./faults.js";
import { callback, newOrder, startPayment, status } from "./helpers.js";
import { startProxy, type FaultProxy } from "./proxy.js";
import { dropRedisKeys, PG_URL, REDIS_URL, serviceAvailable } from "./services.js";
import { API_KEY, AUTH_TOKEN, startShop } from "./shop.js";

/** LigdiCash gives a callback 5 s; the kit must answer well within that, with the store down. */
const ANSWER_WITHIN_MS = 3_000;
const ORDERS = 4;
const suffix = randomBytes(4).toString("hex");
const tablePrefix = `ligdicash_outage_${suffix}`;
const keyPrefix = `{ligdicash-outage-${suffix}}:`;

const via = (url: string, port: number) => {
  const proxied = new URL(url);
  proxied.port = String(port);
  return proxied.toString();
};
const backends: Array<[string, string, (port: number) => PaymentStore]> = [];
if (await serviceAvailable(PG_URL)) {
  backends.push([
    "PostgreSQL",
    PG_URL,
    (port) => new PostgresPaymentStore({ connectionString: via(PG_URL, port), tablePrefix }),
  ]);
}
if (await serviceAvailable(REDIS_URL)) {
  backends.push([
    "Redis",
    REDIS_URL,
    (port) => new RedisPaymentStore({ url: via(REDIS_URL, port), keyPrefix }),
  ]);
}
const faults: Array<[string, (proxy: FaultProxy) => void]> = [
  ["refuses connections", (proxy) => proxy.refuse()],
  ["is cut off by a partition", (proxy) => proxy.freeze()],
];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    apiKey: API_KEY,
    authToken: AUTH_TOKEN,
    // One try, and a shorter per-try limit than LigdiCash's: a slower answer is recorded as none.
    callbackRetry: { attempts: 1, timeoutMs: ANSWER_WITHIN_MS },
  });
});
afterAll(async () => {
  await emulator.close();
  if (backends.some(([name]) => name === "PostgreSQL")) {
    const store = new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix });
    await store.dropTables();
    await store.close();
  }
  if (backends.some(([name]) => name === "Redis")) await dropRedisKeys(keyPrefix);
});

describe.runIf(backends.length > 0).each(backends)(
  "Express shop on %s",
  (_name, url, createStore) => {
    it.each(faults)(
      "while the store %s: callbacks and polls answer 503 quickly, never 2xx; once it is back every payment settles",
      async (_fault, breakIt) => {
        const proxy = await startProxy(Number(new URL(url).port));
        const shop = await startShop({
          framework: "express5",
          apiUrl: emulator.url,
          options: { storage: createStore(proxy.port) },
        });
        try {
          const orders = Array.from({ length: ORDERS }, () => newOrder(shop));
          const invoices: EmulatorInvoice[] = [];
          for (const orderId of orders) invoices.push(await startPayment(shop, emulator, orderId));
          const ids = invoices.map((invoice) => invoice.customData.transaction_id!);

          breakIt(proxy);
          // The shoppers pay; LigdiCash posts its callbacks to a shop whose store is unreachable,
          // while the return pages poll and a callback arrives again.
          const settling = Promise.all(
            invoices.map((invoice) => emulator.settle(invoice.token, "completed")),
          );
          const answers = await Promise.all([
            ...ids.map((id) => timed(() => callback(shop, id, "json"))),
            ...orders.map((orderId) =>
              timed(() => shop.request(`/api/ligdicash/status/${orderId}`)),
            ),
          ]);
          for (const answer of answers) {
            const response = answer.value!;
            expect(response.status).toBe(503);
            expect(await response.json()).toEqual({
              error: {
                code: "STORE_UNAVAILABLE",
                message: "Payments are briefly unavailable. Try again in a moment.",
              },
            });
            expect(answer.ms).toBeLessThan(ANSWER_WITHIN_MS);
          }
          await settling;
          const delivered = emulator
            .callbacks()
            .filter((c) => invoices.some((invoice) => invoice.id === c.invoiceId));
          // Every post got an answer (none timed out) and none was a 2xx.
          expect(delivered).toHaveLength(ORDERS * 2);
          expect(delivered.map((c) => c.responseStatus)).toEqual(delivered.map(() => 503));
          expect(shop.paid).toEqual([]);

          proxy.resume();
          // LigdiCash (or the reconciler) comes back with the same callbacks.
          for (const id of ids) expect((await callback(shop, id, "json")).status).toBe(200);
          for (const orderId of orders) expect(await status(shop, orderId)).toBe("paid");
          // "paid" is the payment's state; onPaid may still be running in the background.
          await shop.settled();
          expect(shop.paid.map((p) => p.orderId).sort()).toEqual([...orders].sort());
        } finally {
          await shop.close();
          await proxy.close();
        }
      },
    );
  },
);
