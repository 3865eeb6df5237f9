#!/usr/bin/env node
// Takes the README's screenshots (docs/images/) with the system Chromium, against the Express
// shop and the emulator. Run after a build: `npm run test:e2e` or `npm start` builds everything.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { startEmulator } from "@ligdicash-kit/emulator";
import { startStore } from "@ligdicash-kit/example-express-store";
import { configFromEnv } from "@ligdicash-kit/example-shop-common";
import { chromium } from "playwright-core";

const images = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "images");
const data = mkdtempSync(join(tmpdir(), "screenshots-"));
const emulator = await startEmulator({ port: 0 });
const shop = await startStore({
  ...configFromEnv({ SHOP_DB: join(data, "orders.db"), LIGDICASH_DB: join(data, "payments.db") }),
  port: 0,
  host: "127.0.0.1",
  apiUrl: emulator.url,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"],
});

async function page(width, height, scale) {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: scale,
  });
  return context.newPage();
}

async function order(tab, quantity) {
  await tab.goto(shop.url + "/");
  for (let n = 1; n < quantity; n += 1)
    await tab.getByRole("button", { name: "Augmenter la quantité" }).click();
  await tab.getByRole("button", { name: "Commander" }).click();
  await tab.getByTestId("pay-redirect").waitFor();
}

try {
  // The product page on a phone, as a shopper lands on it.
  const phone = await page(430, 900, 2);
  await phone.goto(shop.url + "/");
  await phone.getByRole("button", { name: "Commander" }).waitFor();
  await phone.screenshot({ path: join(images, "storefront-mobile.png") });

  // On a laptop, once the order is placed: redirect and popup payment buttons.
  const laptop = await page(1280, 860, 1);
  await order(laptop, 2);
  // No hover or focus left on the button that was just clicked (its colour fades out).
  await laptop.mouse.move(0, 0);
  await laptop.evaluate("document.activeElement?.blur()");
  await laptop.waitForTimeout(400);
  await laptop.screenshot({ path: join(images, "storefront.png") });

  // Back from the payment page: the return page, paid.
  await order(phone, 2);
  await phone.getByTestId("pay-redirect").click();
  await phone.waitForURL((url) => url.href.startsWith(emulator.url));
  await phone.locator('button[value="pay"]').click();
  await phone.locator('[data-ligdicash="return"][data-state="paid"]').waitFor();
  await phone.screenshot({ path: join(images, "return-page.png") });
} finally {
  await browser.close();
  await shop.close();
  await emulator.close();
  rmSync(data, { recursive: true, force: true });
}
process.stdout.write(`Screenshots written to ${images}\n`);
