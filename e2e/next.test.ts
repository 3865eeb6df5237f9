import { describe, expect, it } from "vitest";
import { adminFlows } from "./admin.js";
import { onPaymentPage, readOrder, returnState, screenshot, textOf, useSuite } from "./harness.js";
import { purchaseFlows } from "./purchase.js";
import { recoveryFlows } from "./recovery.js";

describe("next shop in Chromium", () => {
  const suite = useSuite("next");
  purchaseFlows(suite);
  recoveryFlows(suite);
  adminFlows(suite);

  it("payment link: a server component renders the kit's PayButton, and it pays the order", async () => {
    const { shop, emulator } = suite.stack;
    const { page } = suite;
    const response = await fetch(`${shop.url}/api/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ items: [{ productId: "beurre-de-karite", quantity: 2 }] }),
    });
    const order = (await response.json()) as { id: string; amount: number };
    // Rendered on the server: the button is in the HTML before any script runs.
    const html = await (await fetch(`${shop.url}/pay/${order.id}`)).text();
    expect(html).toContain('data-testid="pay-link"');
    await page.goto(`${shop.url}/pay/${order.id}`);
    expect(await textOf(page, '[data-testid="pay-link"]')).toMatch(/^Payer \d/);
    await page.getByTestId("pay-link").click();
    await onPaymentPage(page, emulator, "pay");
    await returnState(page, "paid");
    expect(await readOrder(shop, order.id)).toMatchObject({ status: "paid", delivered: true });
    await screenshot(page, "next-payment-link");
  });
});
