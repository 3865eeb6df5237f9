import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newOrder, startPayment } from "./helpers.js";
import { testKit } from "./kit.js";
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

describe("the reconciler and a hook that never settles", () => {
  it("goes on finding other payments while a hook it retried is still running", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const calls: string[] = [];
    const t = testKit({
      reconcile: { intervalMs: 0, firstCheckAfterMs: 0, hookLeaseMs: 1_000 },
      onPaid: async (payment) => {
        calls.push(payment.orderId);
        if (payment.orderId !== "order_stuck") return;
        // The first try fails (the reconciler retries it); the retry hangs, ignoring its signal.
        if (calls.length === 1) throw new Error("warehouse API down");
        await gate;
      },
    });
    t.orders.set("order_stuck", { amount: 5_000 });
    t.orders.set("order_next", { amount: 7_000 });
    await t.pay("order_stuck");
    await t.pay("order_next");
    const [stuck, next] = t.ligdicash.invoices;
    const reconciler = t.kit.startReconciler({ intervalMs: 20 });
    try {
      t.ligdicash.pay(stuck!);
      await vi.waitFor(() => expect(calls).toEqual(["order_stuck", "order_stuck"]), {
        timeout: 5_000,
        interval: 20,
      });
      // Its callbacks lost, this one is found by the reconciler alone.
      t.ligdicash.pay(next!);
      await vi.waitFor(() => expect(calls).toContain("order_next"), {
        timeout: 5_000,
        interval: 20,
      });
    } finally {
      open();
      await reconciler.stop();
      await t.kit.close();
    }
  });
});
