import { describe, expect, it } from "vitest";
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
  it("sends the order id as same-origin JSON and resolves to the payment page", async () => {
    const fetch = mockFetch({ pay: { payUrl: "https://app.ligdicash.com/pay/invoice/abc" } });
    const [payUrl] = await request(config(fetch), "order_7f3a9b", signal(), true);
    expect(payUrl).toBe("https://app.ligdicash.com/pay/invoice/abc");
    expect(fetch.calls).toEqual([
      expect.objectContaining({
        method: "POST",
        url: "/api/ligdicash/pay",
        body: { orderId: "order_7f3a9b" },
        credentials: "same-origin",
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
  it("encodes the order id, bypasses caches and reads the Retry-After hint", async () => {
    const fetch = mockFetch({ statuses: ["pending"], retryAfter: 5 });
    const result = await request(config(fetch), "order/7 ?#", signal());
    expect(result).toEqual(["pending", 5000]);
    expect(fetch.calls[0]).toMatchObject({
      method: "GET",
      url: "/api/ligdicash/status/order%2F7%20%3F%23",
      credentials: "same-origin",
    });
  });

  it("reports paid and failed, with no hint when the server gives none", async () => {
    expect(await request(config(mockFetch({ statuses: ["paid"] })), "o1", signal())).toEqual([
      "paid",
      0,
    ]);
    expect(await request(config(mockFetch({ statuses: ["failed"] })), "o1", signal())).toEqual([
      "failed",
      0,
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
