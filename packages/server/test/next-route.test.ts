import { afterEach, describe, expect, it, vi } from "vitest";
import type { Order } from "../src/core/options.js";
import type { PaymentInfo } from "../src/model/payment.js";
import { ligdicashRoute, type LigdicashRoute, type LigdicashRouteOptions } from "../src/next.js";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import { FakeLigdicash } from "./fake-ligdicash.js";

// The route handlers called as Next.js calls them: a Web Request in, a Response out. (On a real
// socket they run every route and hostile test of the shared suites too: see test/adapters.)

const SHOP = "https://shop.example";
const BASE = `${SHOP}/api/ligdicash`;
const SECRET = "cron-secret-0123456789abcdef";

const routes: LigdicashRoute[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await Promise.all(routes.splice(0).map((route) => route.close()));
});

function nextShop(options: Partial<LigdicashRouteOptions> = {}) {
  const ligdicashApi = new FakeLigdicash();
  const orders = new Map<string, Order>([["order_1", { amount: 15_000 }]]);
  const paid: PaymentInfo[] = [];
  const logs: string[] = [];
  const record = (level: string) => (o: Record<string, unknown>, m?: string) =>
    void logs.push(`${level} ${m ?? ""} ${JSON.stringify(o)}`);
  const route = ligdicashRoute({
    getOrder: (orderId) => orders.get(orderId) ?? null,
    onPaid: async (payment) => {
      await new Promise((resolve) => setTimeout(resolve, 50)); // a hook that takes its time
      paid.push(payment);
    },
    apiKey: "test-api-key-0123456789",
    authToken: "test-auth-token-9876543210",
    publicUrl: SHOP,
    fetch: ligdicashApi.fetch,
    storage: new MemoryPaymentStore(),
    logger: {
      debug: record("debug"),
      info: record("info"),
      warn: record("warn"),
      error: record("error"),
    },
    recheckIntervalMs: 0,
    ...options,
  });
  routes.push(route);
  return { route, ligdicashApi, paid, logs };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const callbackFor = (transactionId: string) =>
  post("/callback", {
    status: "completed",
    custom_data: [{ keyof_customdata: "transaction_id", valueof_customdata: transactionId }],
  });
const cron = (method: "GET" | "POST", authorization?: string) =>
  new Request(`${BASE}/reconcile`, {
    method,
    headers: authorization === undefined ? {} : { authorization },
  });

describe("Next.js route handlers", () => {
  it("export const { GET, POST }: pay, then the status, from the functions alone", async () => {
    const { GET, POST } = nextShop({ cronSecret: SECRET }).route;
    const pay = await POST(post("/pay", { orderId: "order_1" }));
    expect(pay.status).toBe(200);
    expect(await pay.json()).toMatchObject({ orderId: "order_1", status: "pending" });
    const status = await GET(new Request(`${BASE}/status/order_1`));
    expect(await status.json()).toEqual({ orderId: "order_1", status: "pending" });
    const other = await GET(new Request(`${BASE}/nothing-here`));
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("starts no timer: the reconciler's interval is off unless set", () => {
    vi.useFakeTimers();
    nextShop({ cronSecret: SECRET });
    expect(vi.getTimerCount()).toBe(0);
    nextShop({ cronSecret: SECRET, reconcile: { intervalMs: 60_000 } });
    expect(vi.getTimerCount()).toBe(1);
  });

  it("without waitUntil, a callback is answered once its confirm and onPaid have run", async () => {
    const { route, ligdicashApi, paid } = nextShop({ cronSecret: SECRET });
    await route.POST(post("/pay", { orderId: "order_1" }));
    const invoice = ligdicashApi.invoices[0]!;
    ligdicashApi.pay(invoice);
    const answer = await route.POST(callbackFor(invoice.transactionId));
    expect(answer.status).toBe(200);
    expect(paid.map((p) => p.orderId)).toEqual(["order_1"]);
  });

  it("with waitUntil (Next.js's after), the callback is answered first and the work handed over", async () => {
    const handed: Promise<unknown>[] = [];
    const { route, ligdicashApi, paid } = nextShop({
      cronSecret: SECRET,
      waitUntil: (work) => void handed.push(work),
    });
    await route.POST(post("/pay", { orderId: "order_1" }));
    const invoice = ligdicashApi.invoices[0]!;
    ligdicashApi.pay(invoice);
    const answer = await route.POST(callbackFor(invoice.transactionId));
    expect(answer.status).toBe(200);
    expect(paid).toEqual([]);
    expect(await handed.at(-1)).toBe(true);
    expect(paid.map((p) => p.orderId)).toEqual(["order_1"]);
  });

  describe("POST {basePath}/reconcile, for a cron", () => {
    it("re-confirms a payment whose callback was lost, with the secret, by POST or GET (Vercel Cron)", async () => {
      const { route, ligdicashApi, paid } = nextShop({
        cronSecret: SECRET,
        reconcile: { firstCheckAfterMs: 0 },
      });
      await route.POST(post("/pay", { orderId: "order_1" }));
      ligdicashApi.pay(ligdicashApi.invoices[0]!);
      const answer = await route.POST(cron("POST", `Bearer ${SECRET}`));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(await answer.json()).toMatchObject({
        checked: 1,
        paid: 1,
        failed: 0,
        hooksRetried: 0,
        payouts: { confirmed: 0, repeated: 0 },
      });
      expect(paid).toHaveLength(1);
      const again = await route.GET(cron("GET", `Bearer ${SECRET}`));
      expect(await again.json()).toMatchObject({ checked: 0, paid: 0, failed: 0, hooksRetried: 0 });
    });

    it("401 without the secret or with another one, and says nothing else", async () => {
      const { route, logs } = nextShop({ cronSecret: SECRET });
      for (const authorization of [
        undefined,
        "",
        `Bearer ${SECRET.slice(0, -1)}`,
        `Bearer ${SECRET}x`,
        `Basic ${SECRET}`,
        SECRET,
      ]) {
        const answer = await route.POST(cron("POST", authorization));
        expect(answer.status).toBe(401);
        expect(answer.headers.get("www-authenticate")).toBe("Bearer");
        const text = await answer.text();
        expect(JSON.parse(text)).toMatchObject({ error: { code: "UNAUTHORIZED" } });
        expect(text).not.toContain(SECRET);
      }
      expect(logs.join("\n")).not.toContain(SECRET);
      expect(logs.filter((line) => line.startsWith("warn "))).toHaveLength(6);
    });

    it("answers 503 SHUTTING_DOWN once close() has begun: no pass starts while the kit drains", async () => {
      const { route, ligdicashApi } = nextShop({ cronSecret: SECRET });
      await route.POST(post("/pay", { orderId: "order_1" }));
      const calls = ligdicashApi.confirmCalls.length;
      const closing = route.close();
      const answer = await route.POST(cron("POST", `Bearer ${SECRET}`));
      await closing;
      expect(answer.status).toBe(503);
      expect(await answer.json()).toMatchObject({ error: { code: "SHUTTING_DOWN" } });
      await expect(route.reconcile()).rejects.toMatchObject({ code: "SHUTTING_DOWN" });
      expect(ligdicashApi.confirmCalls.length).toBe(calls);
    });

    it("reads LIGDICASH_CRON_SECRET", async () => {
      vi.stubEnv("LIGDICASH_CRON_SECRET", SECRET);
      const { route } = nextShop();
      expect((await route.POST(cron("POST", `Bearer ${SECRET}`))).status).toBe(200);
    });

    it("is off without a secret: 404, and one warning at start-up says how to turn it on", async () => {
      vi.stubEnv("LIGDICASH_CRON_SECRET", "");
      const { route, logs } = nextShop();
      const answer = await route.POST(cron("POST", "Bearer anything-at-all-here"));
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
      const warnings = logs.filter((line) => line.startsWith("warn "));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain("LIGDICASH_CRON_SECRET is not set");
      expect(warnings[0]).toContain("/api/ligdicash/reconcile is off");
    });

    it("refuses a secret shorter than 16 characters at start-up", () => {
      expect(() => nextShop({ cronSecret: "short" })).toThrow(/at least 16 characters/);
    });
  });

  it("refuses the SQLite default on a read-only disk with one error naming the stores to use", async () => {
    vi.stubEnv("LIGDICASH_DB", "/sys/ligdicash-kit-test/payments.db");
    const { route, logs } = nextShop({ cronSecret: SECRET, storage: undefined });
    const answer = await route.POST(post("/pay", { orderId: "order_1" }));
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({ error: { code: "INVALID_OPTIONS" } });
    const errors = logs.filter((line) => line.startsWith("error "));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("The default SQLite payment store cannot use");
    expect(errors[0]).toContain("PostgresPaymentStore");
  });
});
