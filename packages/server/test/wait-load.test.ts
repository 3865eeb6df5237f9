import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { startEmulator, type EmulatorInvoice } from "@ligdicash-kit/emulator";
import { describe, expect, it, vi } from "vitest";
import type * as WaitersModule from "../src/core/status-waiters.js";
import type { StatusWaiters } from "../src/core/status-waiters.js";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import { newOrder, startPayment } from "./helpers.js";
import { API_KEY, AUTH_TOKEN, startShop } from "./shop.js";
import { watchedStore } from "./watched-store.js";

// The kit's waiters, as each kit creates them: how many orders and requests are held.
const created = vi.hoisted(() => [] as StatusWaiters[]);
vi.mock("../src/core/status-waiters.js", async (original) => {
  const module = await original<typeof WaitersModule>();
  return {
    ...module,
    createStatusWaiters: (...args: Parameters<typeof module.createStatusWaiters>) => {
      const waiters = module.createStatusWaiters(...args);
      created.push(waiters);
      return waiters;
    },
  };
});

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const REQUESTS = 1_000;
const ORDERS = 100;

describe("1,000 waiting requests on one instance", () => {
  it("hold with one watch per order and bounded memory, and all answer when their orders settle", async () => {
    const emulator = await startEmulator({ port: 0, apiKey: API_KEY, authToken: AUTH_TOKEN });
    const watched = watchedStore(new MemoryPaymentStore());
    const shop = await startShop({
      framework: "express5",
      apiUrl: emulator.url,
      // The confirm's full deadline: 1,000 open sockets on a shared machine slow everything down.
      options: { storage: watched.store, recheckIntervalMs: 3_000, timeouts: { confirmMs: 5_000 } },
    });
    try {
      const waiters = created.at(-1)!;
      const orders: Array<{ orderId: string; invoice: EmulatorInvoice }> = [];
      for (let i = 0; i < ORDERS; i++) {
        const orderId = newOrder(shop);
        orders.push({ orderId, invoice: await startPayment(shop, emulator, orderId) });
      }
      const before = heapUsed();
      const answers = Array.from({ length: REQUESTS }, (_, i) => {
        const { orderId } = orders[i % ORDERS]!;
        // fetch opens as many connections as requests are in flight, as 1,000 browsers would.
        return fetch(`${shop.url}/api/ligdicash/status/${orderId}?wait=25`).then(
          async (response) => ({
            status: response.status,
            wait: response.headers.get("x-ligdicash-wait"),
            body: (await response.json()) as { status: string },
          }),
        );
      });
      await vi.waitFor(() => expect(waiters.counts().requests).toBe(REQUESTS), {
        timeout: 15_000,
        interval: 50,
      });
      expect(waiters.counts()).toEqual({ orders: ORDERS, requests: REQUESTS });
      expect(watched.open()).toBe(1);
      const perRequest = (heapUsed() - before) / REQUESTS;
      // Sockets, requests and responses of both ends (this process is client and server) and
      // the kit's few objects per request: tens of kB per request, nothing that grows with time.
      expect(perRequest).toBeLessThan(64 * 1024);
      console.warn(
        `heap per waiting request (client and server in one process): ${Math.round(perRequest)} B`,
      );

      for (const { invoice } of orders) await emulator.settle(invoice.token, "completed");
      const results = await Promise.all(answers);
      expect(results.every((r) => r.status === 200 && r.wait === "25")).toBe(true);
      expect(new Set(results.map((r) => r.body.status))).toEqual(new Set(["paid"]));
      expect(waiters.counts()).toEqual({ orders: 0, requests: 0 });
      expect(watched.open()).toBe(0);
      await shop.settled();
      expect(shop.paid).toHaveLength(ORDERS);
    } finally {
      await shop.close();
      await emulator.close();
    }
  }, 60_000);
});
