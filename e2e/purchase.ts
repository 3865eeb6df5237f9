import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import {
  invoiceOf,
  onPaymentPage,
  paymentStatus,
  placeOrder,
  readOrder,
  returnState,
  screenshot,
  textOf,
  type Suite,
} from "./harness.js";

/** The shopper's paths through a purchase: redirect, popup, declined then retried, cancelled, framed. */
export function purchaseFlows(suite: Suite): void {
  const name = (flow: string) => `${suite.framework}-${flow}`;

  it("redirect: order, pay on the payment page, back on the shop paid and delivered", async () => {
    const { shop, emulator } = suite.stack;
    const { page } = suite;
    const orderId = await placeOrder(page, shop.url, 2);
    expect(await textOf(page, '[data-testid="pay-redirect"]')).toBe("Payer 30 000 F CFA");
    await page.getByTestId("pay-redirect").click();
    await onPaymentPage(page, emulator, "pay");
    await page.waitForURL(`${shop.url}/payment/return?order=${orderId}`);
    await returnState(page, "paid");
    expect(invoiceOf(emulator, orderId).amount).toBe(30_000);
    expect(await readOrder(shop, orderId)).toMatchObject({
      status: "paid",
      delivered: true,
      amount: 30_000,
      operator: "ORANGE BURKINA",
    });
    await page.getByRole("link", { name: "Voir ma commande" }).click();
    await page.locator('[data-delivered="true"]').waitFor();
    expect(await textOf(page, ".badge")).toBe("Livrée");
    await screenshot(page, name("redirect-paid"));
  });

  it("popup: the payment page opens in a real window and the shop page learns it is paid", async () => {
    const { shop, emulator } = suite.stack;
    const { page } = suite;
    const orderId = await placeOrder(page, shop.url);
    const opened = page.waitForEvent("popup");
    await page.getByTestId("pay-popup").click();
    const popup = await opened;
    expect(await popup.opener()).toBe(page);
    await popup.waitForURL((url) => url.href.startsWith(emulator.url + "/directpayment/"));
    // A window of its own, not a frame of the shop's page.
    expect(await popup.evaluate(() => window.top === window.self && window.opener !== null)).toBe(
      true,
    );
    expect(page.frames()).toHaveLength(1);
    const closed = popup.waitForEvent("close");
    await popup.locator('button[value="pay"]').click();
    await closed;
    await page.waitForURL(`${shop.url}/orders/${orderId}?paid=1`);
    await page.locator('[data-delivered="true"]').waitFor();
    expect(await readOrder(shop, orderId)).toMatchObject({ status: "paid", delivered: true });
    await screenshot(page, name("popup-paid"));
  });

  it("declined: the return page says failed, and a retry with a new invoice succeeds", async () => {
    const { shop, emulator } = suite.stack;
    const { page } = suite;
    const orderId = await placeOrder(page, shop.url);
    await page.getByTestId("pay-redirect").click();
    await onPaymentPage(page, emulator, "decline");
    await returnState(page, "failed");
    expect(await textOf(page, '[data-ligdicash="return"] p')).toBe("Le paiement a échoué.");
    expect(await readOrder(shop, orderId)).toMatchObject({ status: "awaiting_payment" });
    const declined = invoiceOf(emulator, orderId);
    await screenshot(page, name("declined"));

    await page.locator('[data-ligdicash="return"] button', { hasText: "Réessayer" }).click();
    await onPaymentPage(page, emulator, "pay");
    expect(invoiceOf(emulator, orderId).id).not.toBe(declined.id);
    await returnState(page, "paid");
    expect(await readOrder(shop, orderId)).toMatchObject({ status: "paid", delivered: true });
    await screenshot(page, name("declined-then-paid"));
  });

  it("cancel (in English): back on the shop, nothing paid, a retry offered", async () => {
    const { shop, emulator } = suite.stack;
    const { page } = suite;
    await page.goto(shop.url + "/");
    await page.locator("button.lang").click();
    await page.getByRole("button", { name: "Place order" }).click();
    const checkout = page.locator("[data-order-id]");
    const orderId = (await checkout.getAttribute("data-order-id"))!;
    expect(await textOf(page, '[data-testid="pay-redirect"]')).toBe("Pay F CFA 15,000");
    await page.getByTestId("pay-redirect").click();
    await onPaymentPage(page, emulator, "cancel");
    await page.waitForURL(`${shop.url}/payment/return?order=${orderId}&cancelled=1`);
    await returnState(page, "cancelled");
    expect(await textOf(page, '[data-ligdicash="return"] p')).toBe("Payment cancelled.");
    expect(await textOf(page, '[data-ligdicash="return"] button')).toBe("Try again");
    expect(await readOrder(shop, orderId)).toMatchObject({ status: "awaiting_payment" });
    expect(await paymentStatus(shop, orderId)).toBe("pending");
    await screenshot(page, name("cancelled"));
  });

  it("iframe: a storefront embedded in another site opens the payment page in a new tab, in the click", async () => {
    const { shop, emulator } = suite.stack;
    const { page } = suite;
    const host = createServer((_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(
        `<!doctype html><title>Le blog</title><h1>Le blog de Faso Artisans</h1>` +
          `<iframe src="${shop.url}/" title="Boutique" style="width:420px;height:760px;border:1px solid #ccc"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    try {
      await page.goto(`http://127.0.0.1:${(host.address() as AddressInfo).port}/`);
      const frame = page.frameLocator("iframe");
      await frame.locator(".buy .btn-primary").click();
      // The tab is opened synchronously in the click (a slow /pay must not lose the user
      // activation), and the payment page is never shown inside the frame.
      const opened = suite.context.waitForEvent("page");
      await frame.getByTestId("pay-redirect").click();
      const tab = await opened;
      await tab.waitForURL((url) => url.href.startsWith(emulator.url + "/directpayment/"));
      expect(page.url()).toContain("127.0.0.1");
      const invoice = emulator.invoices().at(-1)!;
      await onPaymentPage(tab, emulator, "pay");
      await tab.waitForURL(invoice.returnUrl);
      await returnState(tab, "paid");
      await frame
        .locator('[data-testid="pay-redirect"][data-state="idle"]')
        .waitFor({ timeout: 15_000 });
      await screenshot(tab, name("iframe-paid"));
    } finally {
      host.closeAllConnections();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });
}
