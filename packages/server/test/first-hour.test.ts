import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { newOrder, pay, startPayment } from "./helpers.js";
import { API_KEY, AUTH_TOKEN, startShop, type Shop, type ShopOptions } from "./shop.js";

// The mistakes a new user makes in the first hour, each on a real Express 4 app with the kit's
// default logger: each must leave exactly one line on stderr that names the fix.

let emulator: Emulator;
let stderr: string[];
let stdout: string[];
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKey: API_KEY, authToken: AUTH_TOKEN });
});
afterAll(() => emulator.close());

const shops: Shop[] = [];
async function shopWithDefaultLogger(options: ShopOptions["options"] = {}): Promise<Shop> {
  stderr = [];
  stdout = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  const shop = await startShop({
    framework: "express4",
    apiUrl: emulator.url,
    options: { logger: undefined, ...options },
  });
  shops.push(shop);
  return shop;
}
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  emulator.reset();
  await Promise.all(shops.splice(0).map((shop) => shop.close()));
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function oneLine(): string {
  expect(stderr).toHaveLength(1);
  const line = stderr[0]!;
  expect(line.endsWith("\n")).toBe(true);
  expect(line.trimEnd()).not.toContain("\n");
  return line;
}

describe("a new user's mistakes, with the default logger", () => {
  it("an unreachable LIGDICASH_API_URL: errno and host in the log, a hint in the body", async () => {
    const port = await closedPort();
    const shop = await shopWithDefaultLogger({ apiUrl: `http://127.0.0.1:${port}` });
    const orderId = newOrder(shop);
    const response = await pay(shop, orderId);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; hint?: string } };
    expect(body.error.code).toBe("LIGDICASH_UNAVAILABLE");
    expect(body.error.hint).toContain("LIGDICASH_API_URL");
    const everything = JSON.stringify(body) + stderr.join("") + stdout.join("");
    for (const secret of [API_KEY, AUTH_TOKEN]) expect(everything).not.toContain(secret);
    const line = oneLine();
    expect(line).toContain(" ERROR ");
    expect(line).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(line).toContain(`orderId=${orderId}`);
    expect(line).toContain("fix: Check LIGDICASH_API_URL");
  });

  it("in production the body has no hint, the log line stays", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const shop = await shopWithDefaultLogger({ apiUrl: `http://127.0.0.1:${await closedPort()}` });
    const body = (await (await pay(shop, newOrder(shop))).json()) as { error: object };
    expect(body.error).not.toHaveProperty("hint");
    expect(oneLine()).toContain("LIGDICASH_API_URL");
  });

  it("an amount as an integer string (pg NUMERIC) pays; a fraction names the order and the value", async () => {
    const shop = await shopWithDefaultLogger();
    const good = newOrder(shop);
    shop.orders.set(good, { amount: "15000", description: "pg row" });
    expect((await pay(shop, good)).status).toBe(200);
    expect(emulator.invoices()[0]!.amount).toBe(15_000);
    expect(stderr).toEqual([]);

    const bad = newOrder(shop);
    shop.orders.set(bad, { amount: "15000.5" });
    const response = await pay(shop, bad);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toBe("Something went wrong on the shop's side.");
    const line = oneLine();
    expect(line).toContain(`getOrder("${bad}") returned an invalid order: amount "15000.5"`);
    expect(line).toContain("fix: getOrder must return { amount } in whole XOF francs");
  });

  it("a getOrder that throws: which hook, which order, its error and where", async () => {
    const shop = await shopWithDefaultLogger({
      getOrder: () => {
        throw new TypeError("orders table not found");
      },
    });
    const response = await pay(shop, "ord_42");
    expect(response.status).toBe(500);
    const line = oneLine();
    expect(line).toContain('getOrder("ord_42") threw: TypeError: orders table not found');
    expect(line).toContain("fix: Fix getOrder");
    expect(line).toMatch(/→ at .*first-hour\.test\.ts/);
  });

  it("an onPaid that throws: the hook's error, its stack and the next retry time", async () => {
    const shop = await shopWithDefaultLogger({
      onPaid: () => {
        throw new Error("warehouse API down");
      },
    });
    const orderId = newOrder(shop);
    const invoice = await startPayment(shop, emulator, orderId);
    await emulator.settle(invoice.token, "completed");
    const line = oneLine();
    expect(line).toContain("warehouse API down (Error thrown by onPaid)");
    expect(line).toContain(`orderId=${orderId}`);
    expect(line).toMatch(/retryAt=\d{4}-\d\d-\d\dT/);
    expect(line).toContain("fix: The payment is paid but the order is not fulfilled yet");
    expect(line).toMatch(/→ at .*first-hour\.test\.ts/);
    // The info lines (invoice created, payment paid) go to stdout.
    expect(stdout.join("")).toContain("payment paid");
  });

  it("a cross-site 403 names the origin and LIGDICASH_STOREFRONT_URL", async () => {
    const shop = await shopWithDefaultLogger();
    const response = await pay(shop, newOrder(shop), {
      origin: "http://localhost:5173",
      "sec-fetch-site": "same-site",
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { hint: string } };
    expect(body.error.hint).toContain("LIGDICASH_STOREFRONT_URL");
    const line = oneLine();
    expect(line).toContain(" WARN ");
    expect(line).toContain('"http://localhost:5173"');
    expect(line).toContain("set LIGDICASH_STOREFRONT_URL");
  });

  it("logger: false prints nothing", async () => {
    const shop = await shopWithDefaultLogger({
      logger: false,
      apiUrl: `http://127.0.0.1:${await closedPort()}`,
    });
    expect((await pay(shop, newOrder(shop))).status).toBe(503);
    expect(stderr).toEqual([]);
    expect(stdout).toEqual([]);
  });

  it("a pino-compatible logger replaces the default one and gets no secret", async () => {
    const calls: [string, Record<string, unknown>, string | undefined][] = [];
    const record = (level: string) => (o: Record<string, unknown>, m?: string) =>
      void calls.push([level, o, m]);
    const shop = await shopWithDefaultLogger({
      logger: { info: record("info"), warn: record("warn"), error: record("error") },
      getOrder: () => {
        throw new Error(`lookup failed with ${API_KEY} for 22670123456`);
      },
    });
    expect((await pay(shop, "ord_1")).status).toBe(500);
    expect(stderr).toEqual([]);
    const [level, object, message] = calls.at(-1)!;
    expect(level).toBe("error");
    expect(message).toContain('getOrder("ord_1") threw');
    expect(object).toMatchObject({ route: "pay", code: "INTERNAL_ERROR" });
    const text = JSON.stringify(calls);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain("22670123456");
    expect(text).toContain("*********56");
  });
});

describe("a storefront on another origin (storefrontUrl)", () => {
  it("return and cancel URLs go to the storefront; callbacks to publicUrl; /pay accepts its origin", async () => {
    const shop = await shopWithDefaultLogger({ storefrontUrl: "http://localhost:5173/" });
    const orderId = newOrder(shop);
    const response = await pay(shop, orderId, {
      origin: "http://localhost:5173",
      "sec-fetch-site": "same-site",
    });
    expect(response.status).toBe(200);
    const invoice = emulator.invoices()[0]!;
    expect(invoice.returnUrl).toBe(`http://localhost:5173/payment/return?order=${orderId}`);
    expect(invoice.cancelUrl).toBe(
      `http://localhost:5173/payment/return?order=${orderId}&cancelled=1`,
    );
    expect(invoice.callbackUrl).toBe(`${shop.url}/api/ligdicash/callback`);
    expect(stderr).toEqual([]);
  });
});
