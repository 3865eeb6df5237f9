import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryPaymentStore } from "../../src/storage/memory.js";
import { callback, newOrder, pay, startPayment, status } from "../helpers.js";
import { encodeRequest, openRaw } from "../raw-http.js";
import {
  API_KEY,
  AUTH_TOKEN,
  kitReadsBody,
  MOUNTS,
  startShop,
  VARIANTS,
  type Framework,
  type Shop,
} from "../shop.js";
import { watchedStore } from "../watched-store.js";

/**
 * The routes' behaviour, run on one adapter on a real socket: each adapter's test file
 * (`<framework>.test.ts` here) calls it, so a case added here is checked on every framework.
 * Pay, status and `?wait`, callbacks in both encodings and their quirks, the requests that pass
 * through, bad bodies (too large, wrong type, `__proto__`), clients that leave, and shutdown.
 */
export function routeSuite(framework: Framework): void {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      apiKey: API_KEY,
      authToken: AUTH_TOKEN,
      callbackRetry: { attempts: 2, baseDelayMs: 50 },
    });
  });
  afterAll(() => emulator.close());

  // Anything that escapes the kit: a crash in waiting.
  const escaped: unknown[] = [];
  const record = (error: unknown) => void escaped.push(error);
  beforeAll(() => {
    process.on("uncaughtException", record);
    process.on("unhandledRejection", record);
  });
  afterAll(() => {
    process.off("uncaughtException", record);
    process.off("unhandledRejection", record);
  });

  describe.each(VARIANTS.filter((v) => v.framework === framework))(
    "$framework (body parser: $bodyParser)",
    ({ bodyParser }) => {
      let shop: Shop;
      beforeEach(async () => {
        emulator.reset();
        shop = await startShop({ framework, bodyParser, apiUrl: emulator.url });
      });
      afterEach(() => shop.close());

      it("pay answers the LigdiCash payment URL, with the amount from getOrder, and reuses it on a second click", async () => {
        const orderId = newOrder(shop, 15_000);
        const first = await pay(shop, orderId);
        expect(first.status).toBe(200);
        const body = (await first.json()) as { payUrl: string; orderId: string; status: string };
        const invoice = emulator.invoices()[0]!;
        expect(body).toEqual({ orderId, payUrl: invoice.payUrl, status: "pending" });
        expect(invoice).toMatchObject({
          amount: 15_000,
          callbackUrl: `${shop.url}/api/ligdicash/callback`,
        });
        expect(invoice.returnUrl).toBe(`${shop.url}/payment/return?order=${orderId}`);
        expect(invoice.cancelUrl).toBe(`${shop.url}/payment/return?order=${orderId}&cancelled=1`);
        expect(invoice.customData.transaction_id).toMatch(/^pay_[\w-]{24}$/);
        const again = (await (await pay(shop, orderId)).json()) as { payUrl: string };
        expect(again.payUrl).toBe(body.payUrl);
        expect(emulator.invoices()).toHaveLength(1);
      });

      it("takes the amount from getOrder even when the request names another", async () => {
        const orderId = newOrder(shop, 15_000);
        const response = await shop.request("/api/ligdicash/pay", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ orderId, amount: 9, total_amount: 9 }),
        });
        expect(response.status).toBe(200);
        expect(emulator.invoices()[0]!.amount).toBe(15_000);
      });

      it("the double callback (form, then JSON) pays the order and calls onPaid once", async () => {
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        await emulator.settle(invoice.token, "completed");
        const delivered = emulator.callbacks().filter((c) => c.invoiceId === invoice.id);
        expect(delivered.map((c) => [c.contentType, c.responseStatus])).toEqual([
          ["application/x-www-form-urlencoded", 200],
          ["application/json", 200],
        ]);
        await shop.settled();
        expect(shop.paid).toHaveLength(1);
        await shop.settled();
        expect(shop.paid[0]).toMatchObject({
          orderId,
          amount: 15_000,
          status: "paid",
          operator: "ORANGE BURKINA",
        });
        expect(await status(shop, orderId)).toBe("paid");
        const repay = await pay(shop, orderId);
        expect(repay.status).toBe(409);
        expect(await repay.json()).toMatchObject({ error: { code: "ALREADY_PAID" } });
      });

      it("50 concurrent duplicate callbacks plus polls call onPaid once", async () => {
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        emulator.setFaults({ callbacks: { drop: true } });
        await emulator.settle(invoice.token, "completed");
        const id = invoice.customData.transaction_id!;
        const results = await Promise.all([
          ...Array.from({ length: 50 }, (_, i) =>
            callback(shop, id, i % 2 ? "json" : "form").then((r) => r.status),
          ),
          ...Array.from({ length: 20 }, () => status(shop, orderId)),
        ]);
        expect(results.slice(0, 50)).toEqual(Array.from({ length: 50 }, () => 200));
        expect(new Set(results.slice(50))).toEqual(
          new Set(["paid", ...(results.slice(50).includes("pending") ? ["pending"] : [])]),
        );
        await shop.settled();
        expect(shop.paid).toHaveLength(1);
        expect(await status(shop, orderId)).toBe("paid");
      });

      it("pays once whatever the callback quirks: bracket keys, JSON first, duplicates, pending first", async () => {
        emulator.setQuirks({ formCustomData: "brackets", amountsAsStrings: true });
        emulator.setFaults({ callbacks: { reorder: true, duplicate: true, pendingFirst: true } });
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        await emulator.settle(invoice.token, "completed");
        const delivered = emulator.callbacks().filter((c) => c.invoiceId === invoice.id);
        expect(delivered.length).toBeGreaterThanOrEqual(6);
        expect(delivered[0]!.contentType).toBe("application/json");
        expect(
          delivered.some((c) => c.body.includes("custom_data%5B0%5D%5Bkeyof_customdata%5D")),
        ).toBe(true);
        expect(new Set(delivered.map((c) => c.responseStatus))).toEqual(new Set([200]));
        await shop.settled();
        expect(shop.paid).toHaveLength(1);
        expect(await status(shop, orderId)).toBe("paid");
      });

      it("a pending callback followed later by completed ends paid", async () => {
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        await emulator.settle(invoice.token, "pending");
        expect(await status(shop, orderId)).toBe("pending");
        await shop.settled();
        expect(shop.paid).toHaveLength(0);
        await emulator.settle(invoice.token, "completed");
        expect(await status(shop, orderId)).toBe("paid");
        await shop.settled();
        expect(shop.paid).toHaveLength(1);
      });

      it("nocompleted (the older spelling) fails the payment, and a new attempt can then pay", async () => {
        emulator.setQuirks({ failureStatus: "nocompleted", amountsAsStrings: true });
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        await emulator.settle(invoice.token, "notcompleted");
        expect(emulator.callbacks().at(-1)?.status).toBe("nocompleted");
        expect(await status(shop, orderId)).toBe("failed");
        await shop.settled();
        expect(shop.failed).toMatchObject([{ orderId, failureReason: "declined" }]);
        const retry = await startPayment(shop, emulator, orderId);
        expect(retry.token).not.toBe(invoice.token);
        await emulator.settle(retry.token, "completed");
        expect(await status(shop, orderId)).toBe("paid");
        await shop.settled();
        expect(shop.paid).toHaveLength(1);
      });

      it("a confirmed amount one franc short is not paid", async () => {
        const orderId = newOrder(shop, 15_000);
        const invoice = await startPayment(shop, emulator, orderId);
        emulator.patchInvoice(invoice.token, { amount: 14_999 });
        await emulator.settle(invoice.token, "completed");
        await shop.settled();
        expect(shop.paid).toHaveLength(0);
        expect(await status(shop, orderId)).toBe("failed");
        // LigdiCash took money: the shop is told to refund it, not that the order failed.
        await shop.settled();
        expect(shop.failed).toEqual([]);
        await shop.settled();
        expect(shop.refunds).toMatchObject([
          { failureReason: "amount_mismatch", refundReason: "amount_mismatch", amount: 15_000 },
        ]);
      });

      it("a forged completed callback while LigdiCash says pending pays nothing", async () => {
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        for (const encoding of ["json", "form"] as const) {
          expect(
            (await callback(shop, invoice.customData.transaction_id!, encoding, "completed"))
              .status,
          ).toBe(200);
        }
        await shop.settled();
        expect(shop.paid).toHaveLength(0);
        expect(await status(shop, orderId)).toBe("pending");
      });

      it("a confirm timeout leaves the payment pending, then reconcile() pays it", async () => {
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        emulator.setFaults({ callbacks: { drop: true } });
        await emulator.settle(invoice.token, "completed");
        emulator.setFaults({ confirm: { mode: "timeout", count: 1 } });
        expect(await status(shop, orderId)).toBe("pending");
        emulator.setFaults({ confirm: { mode: "500", count: 10 } });
        expect(await status(shop, orderId)).toBe("pending");
        await shop.settled();
        expect(shop.paid).toHaveLength(0);
        emulator.setFaults({ confirm: null });
        await shop.middleware.reconcile({ now: Date.now() + 3_600_000 });
        await shop.settled();
        expect(shop.paid).toHaveLength(1);
        expect(await status(shop, orderId)).toBe("paid");
      });

      it("status answers only orderId and status, never cached, and 404 for an order with no payment", async () => {
        const orderId = newOrder(shop);
        await startPayment(shop, emulator, orderId);
        const response = await shop.request(`/api/ligdicash/status/${orderId}`);
        expect(response.headers.get("cache-control")).toBe("no-store");
        expect(response.headers.get("retry-after")).toBe("0");
        expect(await response.json()).toEqual({ orderId, status: "pending" });
        const unknown = await shop.request("/api/ligdicash/status/order_nope");
        expect(unknown.status).toBe(404);
        expect(await unknown.json()).toMatchObject({ error: { code: "ORDER_NOT_FOUND" } });
      });

      it("bad pay requests get the right 4xx", async () => {
        const orderId = newOrder(shop);
        const cases: Array<[RequestInit, number, string]> = [
          [
            {
              headers: { "content-type": "application/json" },
              body: '{"orderId":"order_unknown"}',
            },
            404,
            "ORDER_NOT_FOUND",
          ],
          [
            {
              headers: { "content-type": "application/json", origin: "https://evil.example" },
              body: JSON.stringify({ orderId }),
            },
            403,
            "CROSS_SITE_REQUEST",
          ],
          [
            {
              headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
              body: JSON.stringify({ orderId }),
            },
            403,
            "CROSS_SITE_REQUEST",
          ],
          [
            { headers: { "content-type": "text/plain" }, body: JSON.stringify({ orderId }) },
            415,
            "UNSUPPORTED_MEDIA_TYPE",
          ],
          [
            { headers: { "content-type": "application/json" }, body: '{"orderId":42}' },
            400,
            "INVALID_REQUEST",
          ],
        ];
        if (kitReadsBody(framework, bodyParser)) {
          cases.push([
            {
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: `orderId=${orderId}`,
            },
            415,
            "UNSUPPORTED_MEDIA_TYPE",
          ]);
        }
        for (const [init, code, error] of cases) {
          const response = await shop.request("/api/ligdicash/pay", { method: "POST", ...init });
          expect([
            response.status,
            ((await response.json()) as { error: { code: string } }).error.code,
          ]).toEqual([code, error]);
        }
        expect(emulator.invoices()).toHaveLength(0);
      });

      it("bad callbacks get the right 4xx and change nothing", async () => {
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        emulator.setFaults({ callbacks: { drop: true } });
        await emulator.settle(invoice.token, "completed");
        const id = invoice.customData.transaction_id!;
        const post = (body: string | Buffer, contentType: string) =>
          shop.request("/api/ligdicash/callback", {
            method: "POST",
            headers: { "content-type": contentType },
            body,
          });
        const json = "application/json";
        const entries = (value: string) => [
          { keyof_customdata: "transaction_id", valueof_customdata: value },
        ];
        const cases: Array<[Promise<Response>, number]> = [
          [
            post(JSON.stringify({ custom_data: entries("pay_unknownunknownunknown00") }), json),
            404,
          ],
          [post(JSON.stringify({ custom_data: entries("order_7f3a9b") }), json), 404],
          [post(JSON.stringify({ status: "completed", custom_data: [] }), json), 400],
          [post('{"status":"completed","custom_data":[{"keyof_', json), 400],
          [
            post(`{"__proto__":{"paid":true},"custom_data":${JSON.stringify(entries(id))}}`, json),
            400,
          ],
          [
            post(JSON.stringify({ custom_data: entries(id), pad: "x".repeat(1_048_576) }), json),
            413,
          ],
          [post(JSON.stringify({ custom_data: entries(id) }), "text/plain"), 415],
        ];
        for (const [response, expected] of cases) expect((await response).status).toBe(expected);
        await shop.settled();
        expect(shop.paid).toHaveLength(0);
        expect(({} as { paid?: boolean }).paid).toBeUndefined();
        expect(shop.logs.join("\n")).toContain("unknown transaction id");
      });

      it("refuses a callback over 64 kB even when it is chunked or a body parser read it first", async () => {
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        const entries = [
          {
            keyof_customdata: "transaction_id",
            valueof_customdata: invoice.customData.transaction_id,
          },
        ];
        const big = JSON.stringify({ custom_data: entries, pad: "x".repeat(200_000) });
        const chunked = new ReadableStream<Uint8Array>({
          start(controller) {
            const bytes = new TextEncoder().encode(big);
            for (let i = 0; i < bytes.length; i += 16_384)
              controller.enqueue(bytes.subarray(i, i + 16_384));
            controller.close();
          },
        });
        const response = await shop.request("/api/ligdicash/callback", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: chunked,
          duplex: "half",
        });
        expect(response.status).toBe(413);
        expect(await response.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
      });

      it("runs getOrder for every pay request, even concurrent ones for the same order", async () => {
        const orderId = newOrder(shop);
        const answers = await Promise.all(Array.from({ length: 5 }, () => pay(shop, orderId)));
        expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
        expect(shop.lookups.filter((id) => id === orderId)).toHaveLength(5);
        expect(emulator.invoices()).toHaveLength(1);
      });

      it("leaves unrelated requests to the app", async () => {
        expect(await (await shop.request("/hello")).text()).toBe("hello from the shop");
        expect((await shop.request("/api/ligdicash/other")).status).toBe(404);
        expect((await shop.request("/api/ligdicash/pay")).status).toBe(404);
        if (bodyParser) {
          const echo = await shop.request("/echo", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: '{"a":1}',
          });
          expect(await echo.json()).toEqual({ echoed: { a: 1 } });
        }
      });

      it("keeps the API key, auth token and invoice tokens out of responses and logs", async () => {
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        emulator.setFaults({ confirm: { mode: "500", count: 3 } });
        const texts = [await (await shop.request(`/api/ligdicash/status/${orderId}`)).text()];
        await emulator.settle(invoice.token, "completed");
        texts.push(
          await (await shop.request(`/api/ligdicash/status/${orderId}`)).text(),
          ...shop.logs,
        );
        const all = texts.join("\n");
        for (const secret of [API_KEY, AUTH_TOKEN, invoice.token])
          expect(all).not.toContain(secret);
        expect(shop.logs.length).toBeGreaterThan(0);
      });
    },
  );

  if (MOUNTS[framework].prefix) {
    describe(`${framework} mounted under a prefix`, () => {
      let shop: Shop;
      beforeEach(async () => {
        emulator.reset();
        shop = await startShop({
          framework,
          bodyParser: true,
          prefix: "/shop",
          apiUrl: emulator.url,
        });
      });
      afterEach(() => shop.close());

      it("serves the routes under the prefix and tells LigdiCash the prefixed URLs", async () => {
        const orderId = newOrder(shop);
        const response = await shop.request("/shop/api/ligdicash/pay", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ orderId }),
        });
        expect(response.status).toBe(200);
        const invoice = emulator.invoices()[0]!;
        expect(invoice.callbackUrl).toBe(`${shop.url}/shop/api/ligdicash/callback`);
        expect(invoice.returnUrl).toBe(`${shop.url}/shop/payment/return?order=${orderId}`);
        await emulator.settle(invoice.token, "completed");
        await shop.settled();
        expect(shop.paid).toHaveLength(1);
        expect(await (await shop.request(`/shop/api/ligdicash/status/${orderId}`)).json()).toEqual({
          orderId,
          status: "paid",
        });
      });
    });
  }

  /** `recheckIntervalMs` 0: the callback's confirm is not spaced from the waiting request's own. */
  async function waitingShop() {
    const watched = watchedStore(new MemoryPaymentStore());
    const shop = await startShop({
      framework,
      apiUrl: emulator.url,
      options: { storage: watched.store, recheckIntervalMs: 0 },
    });
    return { shop, watched };
  }

  const statusPath = (orderId: string, query = "") =>
    `/api/ligdicash/status/${encodeURIComponent(orderId)}${query}`;

  describe(`${framework}: GET /status/:orderId?wait=N`, () => {
    beforeEach(() => emulator.reset());

    it("holds a pending order until its callback settles it, then answers paid with the wait header", async () => {
      const { shop, watched } = await waitingShop();
      try {
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        const answer = shop.request(statusPath(orderId, "?wait=25"));
        await watched.until(1);
        await emulator.settle(invoice.token, "completed");
        const response = await answer;
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ orderId, status: "paid" });
        expect(response.headers.get("x-ligdicash-wait")).toBe("25");
        expect(response.headers.get("cache-control")).toBe("no-store");
        expect(response.headers.get("retry-after")).toBeNull();
        await shop.settled();
        expect(shop.paid).toHaveLength(1);
      } finally {
        await shop.close();
      }
    });

    it("a client that goes away ends its wait: the kit lets go of the order, logs nothing", async () => {
      const { shop, watched } = await waitingShop();
      try {
        const orderId = newOrder(shop);
        await startPayment(shop, emulator, orderId);
        const controller = new AbortController();
        const answer = shop.request(statusPath(orderId, "?wait=25"), { signal: controller.signal });
        await watched.until(1);
        controller.abort();
        await expect(answer).rejects.toMatchObject({ name: "AbortError" });
        // Only the end of the wait closes the subscription: well before its 25 s.
        await watched.until(0);
        const after = await shop.request(statusPath(orderId));
        expect(await after.json()).toEqual({ orderId, status: "pending" });
        expect(
          shop.logs.filter((line) => !line.startsWith("debug ") && !line.startsWith("info ")),
        ).toEqual([]);
      } finally {
        await shop.close();
      }
    });

    it("close() answers a waiting request with the current status, then every route 503 SHUTTING_DOWN", async () => {
      const { shop, watched } = await waitingShop();
      try {
        const orderId = newOrder(shop);
        const invoice = await startPayment(shop, emulator, orderId);
        const answer = shop.request(statusPath(orderId, "?wait=25"));
        await watched.until(1);
        await shop.middleware.close();
        const response = await answer;
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ orderId, status: "pending" });
        expect(response.headers.get("x-ligdicash-wait")).toBe("25");
        const after = [
          await pay(shop, newOrder(shop)),
          await shop.request(statusPath(orderId)),
          await callback(shop, invoice.customData.transaction_id!, "json"),
          await callback(shop, invoice.customData.transaction_id!, "form"),
        ];
        for (const refused of after) {
          expect(refused.status).toBe(503);
          expect(await refused.json()).toMatchObject({ error: { code: "SHUTTING_DOWN" } });
        }
        expect(emulator.invoices()).toHaveLength(1);
      } finally {
        await shop.close();
      }
    });
  });

  describe(`${framework}: a client that leaves`, () => {
    it("a client that drops the connection mid-body leaves the process up and logs no error; middleware writes nothing", async () => {
      // A Web handler returns a Response whatever happens; its server writes it to the closed socket.
      const writesAnswer = MOUNTS[framework].web;
      // No LigdiCash call is made: nothing gets past reading the body.
      const shop = await startShop({ framework, apiUrl: "http://127.0.0.1:9" });
      try {
        const port = (shop.server.address() as AddressInfo).port;
        for (const route of ["pay", "callback", "pay", "callback"]) {
          const arrived = once(shop.server, "request") as Promise<
            [IncomingMessage, ServerResponse]
          >;
          const request = encodeRequest(
            {
              method: "POST",
              path: `/api/ligdicash/${route}`,
              headers: { "content-type": "application/json", "content-length": "1000" },
              body: '{"orderId":"order_',
            },
            `127.0.0.1:${port}`,
          );
          const { socket, response } = openRaw(port, request);
          const [incoming, outgoing] = await arrived;
          const writes = [
            vi.spyOn(outgoing, "writeHead"),
            vi.spyOn(outgoing, "write"),
            vi.spyOn(outgoing, "end"),
          ];
          const closed = new Promise((resolve) => incoming.once("close", resolve));
          socket.destroy();
          await closed;
          expect(await response).toBeNull();
          // A full round trip on a new connection: the kit has long finished with the old one.
          expect(await (await shop.request("/hello")).text()).toBe("hello from the shop");
          if (!writesAnswer) for (const write of writes) expect(write).not.toHaveBeenCalled();
        }
        expect(shop.logs.filter((line) => line.startsWith("error "))).toEqual([]);
        expect(escaped).toEqual([]);
      } finally {
        await shop.close();
      }
    });
  });
}
