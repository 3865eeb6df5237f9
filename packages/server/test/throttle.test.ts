import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callback, newOrder, startPayment, status } from "./helpers.js";
import { API_KEY, AUTH_TOKEN, startShop, type Shop } from "./shop.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKey: API_KEY, authToken: AUTH_TOKEN });
});
afterAll(() => emulator.close());

/** A shop whose calls to LigdiCash's confirm endpoint are counted. */
async function countingShop(
  recheckIntervalMs: number,
): Promise<{ shop: Shop; confirms: () => number }> {
  let confirms = 0;
  const counting: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    if (url.includes("/checkout-invoice/confirm")) confirms += 1;
    return fetch(input, init);
  };
  const shop = await startShop({
    framework: "express5",
    apiUrl: emulator.url,
    options: { fetch: counting, recheckIntervalMs },
  });
  return { shop, confirms: () => confirms };
}

describe("calls to LigdiCash under load", () => {
  it("a burst of forged callbacks causes one confirm, plus one spaced follow-up, never one each", async () => {
    const { shop, confirms } = await countingShop(1_500);
    try {
      const orderId = newOrder(shop);
      const invoice = await startPayment(shop, emulator, orderId);
      const id = invoice.customData.transaction_id!;
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          callback(shop, id, i % 2 ? "json" : "form", "completed"),
        ),
      );
      expect(new Set(answers.map((r) => r.status))).toEqual(new Set([200]));
      // The first callback confirms at once; every later one waits for the next confirm, spaced
      // by the recheck interval, and shares it.
      expect(confirms()).toBeLessThanOrEqual(2);
      await shop.settled();
      expect(shop.paid).toHaveLength(0);
      expect(await status(shop, orderId)).toBe("pending");
    } finally {
      await shop.close();
    }
  });

  it("concurrent status polls share one confirm, and a final callback right after a pending one still pays", async () => {
    const { shop, confirms } = await countingShop(300);
    try {
      const orderId = newOrder(shop);
      const invoice = await startPayment(shop, emulator, orderId);
      const polls = await Promise.all(Array.from({ length: 20 }, () => status(shop, orderId)));
      expect(new Set(polls)).toEqual(new Set(["pending"]));
      expect(confirms()).toBe(1);
      await emulator.settle(invoice.token, "pending");
      await emulator.settle(invoice.token, "completed");
      await shop.settled();
      expect(shop.paid).toHaveLength(1);
      expect(await status(shop, orderId)).toBe("paid");
    } finally {
      await shop.close();
    }
  });
});
