import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator, type Emulator, type EmulatorInvoice } from "@ligdicash-kit/emulator";
import {
  locateStorefront,
  type OrderView,
  type RunningShop,
  type ServerConfig,
} from "@ligdicash-kit/example-shop-common";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

export type Framework = "express" | "koa" | "next";

/** The admin password of the shops the flows start. */
export const ADMIN_PASSWORD = "e2e-admin-password";

/** Where each flow leaves a screenshot of its final state (gitignored). */
export const RESULTS = fileURLToPath(new URL("./test-results/", import.meta.url));

/** The system Chromium, headless, with nothing that would reach the network on its own. */
export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: install the chromium package, or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** The secret of the Next.js shop's cron route in these tests. */
export const CRON_SECRET = "e2e-cron-secret-0123456789";

/** A running shop, in this process (Express, Koa) or its own (Next.js). */
export type ShopProcess = Pick<RunningShop, "url" | "publicUrl" | "close">;

/** The emulator and two shops of one framework on free loopback ports, with their own SQLite files. */
export interface Stack {
  emulator: Emulator;
  /** The shop as `npm start` runs it (the reconciler's first check comes after 2 minutes). */
  shop: ShopProcess;
  /** The same shop with a reconciler that re-checks every second, at once. */
  fastShop: ShopProcess;
  close(): Promise<void>;
}

export async function startStack(framework: Framework): Promise<Stack> {
  const { startStore } =
    framework === "express"
      ? await import("@ligdicash-kit/example-express-store")
      : framework === "koa"
        ? await import("@ligdicash-kit/example-koa-store")
        : await import("@ligdicash-kit/example-next-store");
  const storefrontDir = locateStorefront();
  if (!storefrontDir) throw new Error("The storefront is not built: run `npm run test:e2e`.");
  const dir = mkdtempSync(join(tmpdir(), `e2e-${framework}-`));
  const emulator = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    callbackRetry: { attempts: 2, baseDelayMs: 200 },
  });
  const config = (name: string, extra: Partial<ServerConfig> = {}): ServerConfig => ({
    port: 0,
    host: "127.0.0.1",
    apiUrl: emulator.url,
    apiKey: "emulator-api-key",
    authToken: "emulator-auth-token",
    shopName: "Faso Artisans",
    ordersDb: join(dir, `${name}-orders.db`),
    paymentsDb: join(dir, `${name}-payments.db`),
    storefrontDir,
    reconcileIntervalMs: 30_000,
    adminPassword: ADMIN_PASSWORD,
    ...extra,
  });
  if (framework === "next") process.env.LIGDICASH_CRON_SECRET ??= CRON_SECRET;
  const shop = await startStore(
    // Next.js: a payment is due for the cron's pass at once.
    config(
      "shop",
      framework === "next" ? { ligdicash: { reconcile: { firstCheckAfterMs: 0 } } } : {},
    ),
  );
  // A Next.js route handler runs no reconciler between requests (a cron calls it): no fast one.
  const fastShop =
    framework === "next"
      ? shop
      : await startStore(
          config("fast", {
            reconcileIntervalMs: 1_000,
            ligdicash: { reconcile: { firstCheckAfterMs: 0 } },
          }),
        );
  mkdirSync(RESULTS, { recursive: true });
  return {
    emulator,
    shop,
    fastShop,
    async close() {
      await shop.close();
      if (fastShop !== shop) await fastShop.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the shop, picks a quantity, clicks "Commander" and returns the new order's id. */
export async function placeOrder(page: Page, shopUrl: string, quantity = 1): Promise<string> {
  await page.goto(shopUrl + "/");
  const increase = page.locator(
    'button[aria-label="Augmenter la quantité"], button[aria-label="Increase quantity"]',
  );
  for (let n = 1; n < quantity; n += 1) await increase.click();
  await page.locator(".buy .btn-primary").click();
  const checkout = page.locator("[data-order-id]");
  await checkout.waitFor();
  return (await checkout.getAttribute("data-order-id"))!;
}

/** On the emulator's payment page: pay (Orange Burkina), decline or cancel. */
export async function onPaymentPage(
  page: Page,
  emulator: Emulator | string,
  action: "pay" | "decline" | "cancel",
): Promise<void> {
  const origin = typeof emulator === "string" ? emulator : emulator.url;
  await page.waitForURL((url) => url.href.startsWith(origin + "/directpayment/invoice/"));
  await page.locator(`button[name="action"][value="${action}"]`).click();
}

/** Waits until the ReturnPage shows this state. */
export async function returnState(page: Page, state: string, timeout = 20_000): Promise<void> {
  await page.locator(`[data-ligdicash="return"][data-state="${state}"]`).waitFor({ timeout });
}

/** The shop's own record of an order, from its API. */
export async function readOrder(shop: ShopProcess, orderId: string): Promise<OrderView> {
  return (await (await fetch(`${shop.url}/api/orders/${orderId}`)).json()) as OrderView;
}

/** The payment status the kit reports for an order. */
export async function paymentStatus(shop: ShopProcess, orderId: string): Promise<string> {
  const response = await fetch(`${shop.url}/api/ligdicash/status/${orderId}`);
  return ((await response.json()) as { status?: string }).status ?? `HTTP ${response.status}`;
}

/** The emulator's latest invoice for an order. */
export function invoiceOf(emulator: Emulator, orderId: string): EmulatorInvoice {
  const invoice = emulator.invoices().findLast((i) => i.customData.order_id === orderId);
  if (!invoice) throw new Error(`no invoice for ${orderId}`);
  return invoice;
}

/** Saves the page as it ends a flow: `test-results/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}

/** Counts the main frame's navigations from now on: a page that updates itself makes none. */
export function countNavigations(page: Page): () => number {
  let count = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) count += 1;
  });
  return () => count;
}

/** Text as a shopper reads it: the narrow spaces of "15 000 F CFA" become plain ones. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();
}

/** What the flows of one framework share: the stack, one browser, a fresh context per flow. */
export interface Suite {
  framework: Framework;
  stack: Stack;
  context: BrowserContext;
  page: Page;
}

/**
 * Starts the stack and Chromium for the enclosing `describe`, and gives each flow a new browser
 * context (a phone-sized page) and clean emulator faults.
 */
export function useSuite(framework: Framework): Suite {
  const suite = { framework } as Suite;
  let browser: Browser;
  beforeAll(async () => {
    [suite.stack, browser] = await Promise.all([startStack(framework), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await suite.stack?.close();
  });
  beforeEach(async () => {
    suite.context = await browser.newContext({ viewport: { width: 430, height: 900 } });
    suite.page = await suite.context.newPage();
  });
  afterEach(async () => {
    await suite.context.close();
    suite.stack.emulator.setFaults({ callbacks: null, confirm: null, create: null });
  });
  return suite;
}
