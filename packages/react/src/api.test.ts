import { describe, expect, it, vi } from "vitest";
import { request } from "./api";
import { LigdicashError } from "./errors";
import { mockFetch } from "./testing/mockFetch";

const config = (fetch: typeof globalThis.fetch) => ({ basePath: "/api/ligdicash", fetch });
const signal = () => new AbortController().signal;

async function rejection(promise: Promise<unknown>): Promise<LigdicashError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LigdicashError);
  return error as LigdicashError;
}

describe("request: POST /pay", () => {
  it("sends the order id as JSON and resolves to the payment page", async () => {
    const fetch = mockFetch({ pay: { payUrl: "https://app.ligdicash.com/pay/invoice/abc" } });
    const [payUrl] = await request(config(fetch), "order_7f3a9b", signal(), true);
    expect(payUrl).toBe("https://app.ligdicash.com/pay/invoice/abc");
    expect(fetch.calls).toEqual([
      expect.objectContaining({
        method: "POST",
        url: "/api/ligdicash/pay",
        body: { orderId: "order_7f3a9b" },
        // fetch's default: cookies go to the shop's own server only.
        credentials: undefined,
        contentType: "application/json",
      }),
    ]);
  });

  it.each(["javascript:alert(1)", "data:text/html,hi", "//evil.test/pay", ""])(
    "refuses to navigate to %j",
    async (payUrl) => {
      const error = await rejection(
        request(config(mockFetch({ pay: { payUrl } })), "o1", signal(), true),
      );
      expect(error.code).toBe("BAD_RESPONSE");
    },
  );

  it("refuses an http: payment page on an https shop, accepts it on an http one (development)", async () => {
    const pay = mockFetch({ pay: { payUrl: "http://checkout.ligdicash.test/invoice/1" } });
    vi.stubGlobal("location", { protocol: "https:" });
    expect((await rejection(request(config(pay), "o1", signal(), true))).code).toBe("BAD_RESPONSE");
    vi.stubGlobal("location", { protocol: "http:" });
    const [payUrl] = await request(config(pay), "o1", signal(), true);
    expect(payUrl).toBe("http://checkout.ligdicash.test/invoice/1");
  });

  it("turns the server's error body into a typed error", async () => {
    const fetch = mockFetch({ pay: { error: "ALREADY_PAID", httpStatus: 409 } });
    const error = await rejection(request(config(fetch), "o1", signal(), true));
    expect(error).toMatchObject({ code: "ALREADY_PAID", status: 409 });
  });

  it("tells a network failure from an answer that is not JSON", async () => {
    const offline = await rejection(
      request(config(mockFetch({ pay: "network-error" })), "o1", signal(), true),
    );
    expect(offline.code).toBe("NETWORK_ERROR");
    const proxy = await rejection(
      request(config(mockFetch({ pay: "html" })), "o1", signal(), true),
    );
    expect(proxy).toMatchObject({ code: "BAD_RESPONSE", status: 502 });
  });

  it("rejects an abort as an abort, not as a network error", async () => {
    const controller = new AbortController();
    const pending = request(config(mockFetch({ delay: Infinity })), "o1", controller.signal, true);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("request: GET /status/:orderId", () => {
  it("encodes the order id and reads the Retry-After hint", async () => {
    const fetch = mockFetch({ statuses: ["pending"], retryAfter: 5 });
    const result = await request(config(fetch), "order/7 ?#", signal());
    expect(result).toEqual(["pending", 5000, false]);
    expect(fetch.calls[0]).toMatchObject({
      method: "GET",
      url: "/api/ligdicash/status/order%2F7%20%3F%23",
    });
  });

  it("asks the server to wait, and tells a server that held the request from one that did not", async () => {
    const waiting = mockFetch({ wait: true, holdMs: 10 });
    expect(await request(config(waiting), "o1", signal(), false, true)).toEqual([
      "pending",
      0,
      true,
    ]);
    expect(waiting.calls[0]?.url).toBe("/api/ligdicash/status/o1?wait=25");
    const older = mockFetch({});
    expect(await request(config(older), "o1", signal(), false, true)).toEqual([
      "pending",
      0,
      false,
    ]);
  });

  it("keeps the Retry-After of an error response, in seconds or as a date", async () => {
    const seconds = mockFetch({
      statuses: [{ error: "LIGDICASH_UNAVAILABLE", httpStatus: 503, retryAfter: "30" }],
    });
    expect(await rejection(request(config(seconds), "o1", signal()))).toMatchObject({
      status: 503,
      retryAfter: 30_000,
    });
    const date = new Date(Date.now() + 60_000).toUTCString();
    const dated = mockFetch({ statuses: [{ error: "RATE", httpStatus: 429, retryAfter: date }] });
    const { retryAfter } = await rejection(request(config(dated), "o1", signal()));
    expect(retryAfter).toBeGreaterThan(58_000);
    expect(retryAfter).toBeLessThanOrEqual(60_000);
  });

  it("reports paid and failed, with no hint when the server gives none", async () => {
    expect(await request(config(mockFetch({ statuses: ["paid"] })), "o1", signal())).toEqual([
      "paid",
      0,
      false,
    ]);
    expect(await request(config(mockFetch({ statuses: ["failed"] })), "o1", signal())).toEqual([
      "failed",
      0,
      false,
    ]);
  });

  it("rejects a status outside pending / paid / failed", async () => {
    const fetch: typeof globalThis.fetch = () =>
      Promise.resolve(Response.json({ orderId: "o1", status: "completed" }));
    expect((await rejection(request(config(fetch), "o1", signal()))).code).toBe("BAD_RESPONSE");
  });

  it("keeps an unknown error code as sent, and a JSON error without a code as BAD_RESPONSE", async () => {
    const unknown = mockFetch({ statuses: [{ error: "TEAPOT", httpStatus: 418 }] });
    expect(await rejection(request(config(unknown), "o1", signal()))).toMatchObject({
      code: "TEAPOT",
      status: 418,
    });
    const bare: typeof globalThis.fetch = () => Promise.resolve(Response.json({}, { status: 500 }));
    expect((await rejection(request(config(bare), "o1", signal()))).code).toBe("BAD_RESPONSE");
  });
});

describe("request: routes that are not the kit's (issue 9)", () => {
  it.each([
    ["an SPA catch-all's index.html", 200],
    ["a 404 page", 404],
  ])("reports %s as BAD_RESPONSE, with one console error in development", async (_, html) => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const fetch = mockFetch({ statuses: [{ html }] });
    expect(await rejection(request(config(fetch), "o1", signal()))).toMatchObject({
      code: "BAD_RESPONSE",
      status: html,
    });
    expect(consoleError).toHaveBeenCalledOnce();
    expect(String(consoleError.mock.calls[0]?.[0])).toMatch(
      /\/api\/ligdicash\/status\/o1 answered \d+ \(text\/html\).*shadowed.*before your SPA catch-all.*404 handler/,
    );
  });

  it("says nothing of a proxy's error page (a 5xx), which is retried", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    await rejection(request(config(mockFetch({ statuses: ["html"] })), "o1", signal()));
    expect(consoleError).not.toHaveBeenCalled();
  });
});
