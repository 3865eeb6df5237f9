import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newOrder, startPayment } from "./helpers.js";
import { API_KEY, AUTH_TOKEN, startShop } from "./shop.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKey: API_KEY, authToken: AUTH_TOKEN });
});
afterAll(() => emulator.close());

describe("startReconciler", () => {
  it("finds a payment whose callbacks never came, with nobody polling, and retries a hook that threw", async () => {
    let failures = 1;
    const paid: string[] = [];
    const shop = await startShop({
      framework: "express5",
      apiUrl: emulator.url,
      options: {
        reconcile: { firstCheckAfterMs: 0, hookLeaseMs: 1_000 },
        onPaid: (payment) => {
          if (failures-- > 0) throw new Error("warehouse API down");
          paid.push(payment.orderId);
        },
      },
    });
    const reconciler = shop.middleware.startReconciler({ intervalMs: 50 });
    try {
      const orderId = newOrder(shop);
      const invoice = await startPayment(shop, emulator, orderId);
      emulator.setFaults({ callbacks: { drop: true } });
      await emulator.settle(invoice.token, "completed");
      await vi.waitFor(() => expect(paid).toEqual([orderId]), { timeout: 10_000, interval: 50 });
      expect(shop.logs.some((line) => line.includes("onPaid failed; it will be retried"))).toBe(
        true,
      );
    } finally {
      await reconciler.stop();
      await shop.close();
    }
  });
});
