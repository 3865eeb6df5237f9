import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import { newOrder, startPayment } from "./helpers.js";
import { API_KEY, AUTH_TOKEN, FRAMEWORKS, startShop, type Framework } from "./shop.js";
import { watchedStore } from "./watched-store.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKey: API_KEY, authToken: AUTH_TOKEN });
});
afterAll(() => emulator.close());

/** `recheckIntervalMs` 0: the callback's confirm is not spaced from the waiting request's own. */
async function waitingShop(framework: Framework) {
  const watched = watchedStore(new MemoryPaymentStore());
  const shop = await startShop({
    framework,
    apiUrl: emulator.url,
    options: { storage: watched.store, recheckIntervalMs: 0 },
  });
  return { shop, watched };
}

const statusPath = (orderId: string, query = "") =>
  `/api/ligdicash/status/${encodeURIComponent(orderId)}${query}`;

describe.each(FRAMEWORKS)("%s: GET /status/:orderId?wait=N", (framework) => {
  it("holds a pending order until its callback settles it, then answers paid with the wait header", async () => {
    const { shop, watched } = await waitingShop(framework);
    try {
      const orderId = newOrder(shop);
      const invoice = await startPayment(shop, emulator, orderId);
      const answer = shop.request(statusPath(orderId, "?wait=25"));
      await watched.until(1);
      await emulator.settle(invoice.token, "completed");
      const response = await answer;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ orderId, status: "paid" });
      expect(response.headers.get("x-ligdicash-wait")).toBe("25");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("retry-after")).toBeNull();
      await shop.settled();
      expect(shop.paid).toHaveLength(1);
    } finally {
      await shop.close();
    }
  });

  it("a client that goes away ends its wait: the kit lets go of the order, logs nothing", async () => {
    const { shop, watched } = await waitingShop(framework);
    try {
      const orderId = newOrder(shop);
      await startPayment(shop, emulator, orderId);
      const controller = new AbortController();
      const answer = shop.request(statusPath(orderId, "?wait=25"), { signal: controller.signal });
      await watched.until(1);
      controller.abort();
      await expect(answer).rejects.toMatchObject({ name: "AbortError" });
      // Only the end of the wait closes the subscription: well before its 25 s.
      await watched.until(0);
      const after = await shop.request(statusPath(orderId));
      expect(await after.json()).toEqual({ orderId, status: "pending" });
      expect(
        shop.logs.filter((line) => !line.startsWith("debug ") && !line.startsWith("info ")),
      ).toEqual([]);
    } finally {
      await shop.close();
    }
  });

  it("close() answers a waiting request with the current status", async () => {
    const { shop, watched } = await waitingShop(framework);
    try {
      const orderId = newOrder(shop);
      await startPayment(shop, emulator, orderId);
      const answer = shop.request(statusPath(orderId, "?wait=25"));
      await watched.until(1);
      await shop.middleware.close();
      const response = await answer;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ orderId, status: "pending" });
      expect(response.headers.get("x-ligdicash-wait")).toBe("25");
    } finally {
      await shop.close();
    }
  });
});
