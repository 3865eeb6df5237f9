import { expect, it } from "vitest";
import {
  ADMIN_PASSWORD,
  onPaymentPage,
  placeOrder,
  returnState,
  screenshot,
  type Suite,
} from "./harness.js";

/** The shop owner's side: the admin page refunds a paid order, in part then in full. */
export function adminFlows(suite: Suite): void {
  it("admin: logs in, refunds part of a paid order then the rest, and sees both paid back", async () => {
    const { shop, emulator } = suite.stack;
    const { page } = suite;
    const orderId = await placeOrder(page, shop.url, 2);
    await page.getByTestId("pay-redirect").click();
    await onPaymentPage(page, emulator, "pay");
    await returnState(page, "paid");

    await page.goto(`${shop.url}/admin`);
    await page.locator('[data-admin="login"] input[name="password"]').fill("not the password");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByText("Mot de passe incorrect.").waitFor();
    await page.locator('[data-admin="login"] input[name="password"]').fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();

    const card = page.locator(`[data-order-id="${orderId}"][data-order-status="paid"]`);
    await card.waitFor();
    const refund = async (amount: number | null, reason: string) => {
      if (amount !== null) await card.locator('input[name="amount"]').fill(String(amount));
      await card.locator('input[name="reason"]').fill(reason);
      await card.getByRole("button", { name: /^Rembourser/ }).click();
    };

    await refund(10_000, "Un pagne abîmé");
    // Live status: on its way, then paid back once LigdiCash's mobile-money payout completes.
    await card.locator('[data-refund-status="sent"]').waitFor();
    await card.locator('[data-refund-status="paid"]').waitFor({ timeout: 20_000 });
    expect(await card.getAttribute("data-refundable")).toBe("20000");

    await refund(null, "Commande annulée"); // the default amount: the rest
    await page
      .locator(`[data-order-id="${orderId}"][data-refundable="0"]`)
      .locator('[data-refund-status="paid"]')
      .nth(1)
      .waitFor({ timeout: 20_000 });
    await page.getByText("Rien à rembourser.").first().waitFor();

    const refunds = emulator.payouts().filter((p) => p.customData.order_id === orderId);
    expect(refunds.map((p) => [p.amount, p.status, p.method])).toEqual([
      [10_000, "completed", "mobile_money"],
      [20_000, "completed", "mobile_money"],
    ]);
    // Back to the number that paid: the emulator's Orange Burkina payer.
    expect(refunds.map((p) => p.customer)).toEqual(["22676275726", "22676275726"]);
    await page.locator(`[data-payout-status="paid"]`).nth(1).waitFor();
    await screenshot(page, `${suite.framework}-admin-refunded`);
  });
}
