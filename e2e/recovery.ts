import { expect, it } from "vitest";
import {
  countNavigations,
  CRON_SECRET,
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

/** Payments confirmed late or never announced: the return page, the status poll, the reconciler. */
export function recoveryFlows(suite: Suite): void {
  const name = (flow: string) => `${suite.framework}-${flow}`;

  it("callbacks delayed: the return page waits while the payment is pending, then turns paid without a reload", async () => {
    const { shop, emulator } = suite.stack;
    const { page } = suite;
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
    expect(await textOf(page, '[data-ligdicash="return"] p')).toBe("Vérification du paiement…");
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
    const { shop, emulator } = suite.stack;
    const { page } = suite;
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

  if (suite.framework === "next") {
    it("callbacks lost and the shopper never comes back: the cron's POST /reconcile finds the payment", async () => {
      const { shop, emulator } = suite.stack;
      const { page, context } = suite;
      const orderId = await placeOrder(page, shop.url);
      await page.getByTestId("pay-redirect").click();
      await page.waitForURL((url) => url.href.startsWith(emulator.url + "/directpayment/"));
      await page.close();
      emulator.setFaults({ callbacks: { drop: true } });
      const invoice = invoiceOf(emulator, orderId);
      await emulator.settle(invoice.token, "completed");

      const cron = (authorization: string) =>
        fetch(`${shop.url}/api/ligdicash/reconcile`, {
          method: "POST",
          headers: { authorization },
        });
      expect((await cron("Bearer not-the-secret-at-all")).status).toBe(401);
      const pass = await cron(`Bearer ${CRON_SECRET}`);
      expect(pass.status).toBe(200);
      const later = await context.newPage();
      await later.goto(`${shop.url}/orders/${orderId}`);
      await later.locator('[data-delivered="true"]').waitFor({ timeout: 20_000 });
      expect(emulator.callbacks().filter((c) => c.invoiceId === invoice.id)).toEqual([]);
      await screenshot(later, name("callbacks-lost-cron"));
    });
    return;
  }

  it("callbacks lost and the shopper never comes back: the reconciler finds the payment", async () => {
    const { fastShop, emulator } = suite.stack;
    const { page, context } = suite;
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
}
