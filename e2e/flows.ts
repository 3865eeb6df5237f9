import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  countNavigations,
  invoiceOf,
  launchBrowser,
  onPaymentPage,
  paymentStatus,
  placeOrder,
  readOrder,
  returnState,
  screenshot,
  startStack,
  type Framework,
  type Stack,
} from "./harness.js";

/** Text as a shopper reads it: the narrow spaces of "15 000 F CFA" become plain ones. */
const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();

/** Every purchase flow of the storefront, against the example shop of one framework. */
export function describeFlows(framework: Framework): void {
  describe(`${framework} shop in Chromium`, () => {
    let stack: Stack;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      [stack, browser] = await Promise.all([startStack(framework), launchBrowser()]);
    });
    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });
    beforeEach(async () => {
      context = await browser.newContext({ viewport: { width: 430, height: 900 } });
      page = await context.newPage();
    });
    afterEach(async () => {
      await context.close();
      stack.emulator.setFaults({ callbacks: null, confirm: null, create: null });
    });

    const name = (flow: string) => `${framework}-${flow}`;

    it("redirect: order, pay on the payment page, back on the shop paid and delivered", async () => {
      const { shop, emulator } = stack;
      const orderId = await placeOrder(page, shop.url, 2);
      expect(await text(page, '[data-testid="pay-redirect"]')).toBe("Payer 30 000 F CFA");
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
      expect(await text(page, ".badge")).toBe("Livrée");
      await screenshot(page, name("redirect-paid"));
    });

    it("popup: the payment page opens in a real window and the shop page learns it is paid", async () => {
      const { shop, emulator } = stack;
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
      const { shop, emulator } = stack;
      const orderId = await placeOrder(page, shop.url);
      await page.getByTestId("pay-redirect").click();
      await onPaymentPage(page, emulator, "decline");
      await returnState(page, "failed");
      expect(await text(page, '[data-ligdicash="return"] p')).toBe("Le paiement a échoué.");
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
      const { shop, emulator } = stack;
      await page.goto(shop.url + "/");
      await page.locator("button.lang").click();
      await page.getByRole("button", { name: "Place order" }).click();
      const checkout = page.locator("[data-order-id]");
      const orderId = (await checkout.getAttribute("data-order-id"))!;
      expect(await text(page, '[data-testid="pay-redirect"]')).toBe("Pay F CFA 15,000");
      await page.getByTestId("pay-redirect").click();
      await onPaymentPage(page, emulator, "cancel");
      await page.waitForURL(`${shop.url}/payment/return?order=${orderId}&cancelled=1`);
      await returnState(page, "cancelled");
      expect(await text(page, '[data-ligdicash="return"] p')).toBe("Payment cancelled.");
      expect(await text(page, '[data-ligdicash="return"] button')).toBe("Try again");
      expect(await readOrder(shop, orderId)).toMatchObject({ status: "awaiting_payment" });
      expect(await paymentStatus(shop, orderId)).toBe("pending");
      await screenshot(page, name("cancelled"));
    });

    it("callbacks delayed: the return page waits while the payment is pending, then turns paid without a reload", async () => {
      const { shop, emulator } = stack;
      const orderId = await placeOrder(page, shop.url);
      await page.getByTestId("pay-redirect").click();
      await page.waitForURL((url) => url.href.startsWith(emulator.url + "/directpayment/"));
      const invoice = invoiceOf(emulator, orderId);
      // The shopper approves on the phone and is sent back at once, while the operator's
      // confirmation is still on its way: LigdiCash's invoice stays pending for now.
      await page.route(invoice.payUrl, (route) =>
        route.request().method() === "POST"
          ? route.fulfill({ status: 303, headers: { location: invoice.returnUrl } })
          : route.continue(),
      );
      await page.locator('button[value="pay"]').click();
      await page.waitForURL(invoice.returnUrl);
      await returnState(page, "checking");
      const navigations = countNavigations(page);
      expect(await text(page, '[data-ligdicash="return"] p')).toBe("Vérification du paiement…");
      expect(await paymentStatus(shop, orderId)).toBe("pending");
      await screenshot(page, name("late-pending"));

      // The operator confirms; LigdiCash's callbacks come 2 s later still.
      emulator.setFaults({ callbacks: { delayMs: 2_000 } });
      const settled = emulator.settle(invoice.token, "completed");
      await returnState(page, "paid", 30_000);
      await settled;
      expect(navigations()).toBe(0);
      const callbacks = emulator.callbacks().filter((c) => c.invoiceId === invoice.id);
      expect(callbacks.map((c) => c.responseStatus)).toEqual([200, 200]);
      expect(await readOrder(shop, orderId)).toMatchObject({ status: "paid", delivered: true });
      await screenshot(page, name("late-paid"));
    });

    it("callbacks lost: the return page's status poll finds the payment", async () => {
      const { shop, emulator } = stack;
      emulator.setFaults({ callbacks: { drop: true } });
      const orderId = await placeOrder(page, shop.url);
      await page.getByTestId("pay-redirect").click();
      await onPaymentPage(page, emulator, "pay");
      await returnState(page, "paid");
      const invoice = invoiceOf(emulator, orderId);
      expect(invoice.status).toBe("completed");
      expect(emulator.callbacks().filter((c) => c.invoiceId === invoice.id)).toEqual([]);
      expect(await readOrder(shop, orderId)).toMatchObject({ status: "paid", delivered: true });
      await screenshot(page, name("callbacks-lost-poll"));
    });

    it("callbacks lost and the shopper never comes back: the reconciler finds the payment", async () => {
      const { fastShop, emulator } = stack;
      const statusPolls: string[] = [];
      context.on("request", (request) => {
        if (request.url().includes("/api/ligdicash/status/")) statusPolls.push(request.url());
      });
      const orderId = await placeOrder(page, fastShop.url);
      await page.getByTestId("pay-redirect").click();
      await page.waitForURL((url) => url.href.startsWith(emulator.url + "/directpayment/"));
      // The shopper closes the tab and approves on the phone; LigdiCash's callbacks are lost.
      await page.close();
      emulator.setFaults({ callbacks: { drop: true } });
      const invoice = invoiceOf(emulator, orderId);
      await emulator.settle(invoice.token, "completed");

      // Later, the order page (which reads the shop's own orders, not the payment status).
      const later = await context.newPage();
      await later.goto(`${fastShop.url}/orders/${orderId}`);
      await later.locator('[data-delivered="true"]').waitFor({ timeout: 20_000 });
      expect(statusPolls).toEqual([]);
      expect(emulator.callbacks().filter((c) => c.invoiceId === invoice.id)).toEqual([]);
      await screenshot(later, name("callbacks-lost-reconciler"));
    });

    it("iframe: a storefront embedded in another site still opens the payment page on top", async () => {
      const { shop, emulator } = stack;
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
        await frame.getByTestId("pay-redirect").click();
        // The whole tab goes to the payment page: it is never shown inside the frame.
        await page.waitForURL((url) => url.href.startsWith(emulator.url + "/directpayment/"));
        expect(page.frames()).toHaveLength(1);
        expect(context.pages()).toHaveLength(1);
        const invoice = emulator.invoices().at(-1)!;
        await onPaymentPage(page, emulator, "pay");
        await page.waitForURL(invoice.returnUrl);
        await returnState(page, "paid");
        await screenshot(page, name("iframe-paid"));
      } finally {
        host.closeAllConnections();
        await new Promise<void>((resolve) => host.close(() => resolve()));
      }
    });
  });
}
