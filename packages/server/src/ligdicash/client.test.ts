import { describe, expect, it, vi } from "vitest";
import { LigdicashError } from "../core/errors.js";
import { createLigdicashClient } from "./client.js";
import { retryAfterMs } from "./http.js";
import type { InvoiceRequest } from "./invoice.js";

const TOKEN = `eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.${Buffer.from(
  JSON.stringify({
    id_invoice: "15459012",
    start_date: "2023-02-23 18:24:12",
    expiry_date: 1677259452,
  }),
).toString("base64url")}.c2ln`;

const request: InvoiceRequest = {
  transactionId: "pay_abcdefghijklmnopqrstuvwx",
  orderId: "order_7f3a9b",
  amount: 15000,
  description: "Order #42",
  items: [{ name: "Premium", quantity: 1, unitPrice: 15000 }],
  customer: { firstname: "Aminata" },
  store: { name: "My Store", websiteUrl: "https://mystore.com" },
  urls: { callback: "https://s/cb", return: "https://s/r", cancel: "https://s/c" },
};

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** A fetch that answers with each of `answers` in turn (the last one repeats). */
function respond(...answers: Array<Handler | object | string>) {
  return respondWithin(300, ...answers);
}

function respondWithin(deadlineMs: number, ...answers: Array<Handler | object | string>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = vi.fn((url: string, init?: RequestInit): Promise<Response> => {
    calls.push({ url, init: init ?? {} });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (typeof answer === "function") return Promise.resolve(answer(url, init ?? {}));
    return Promise.resolve(
      new Response(typeof answer === "string" ? answer : JSON.stringify(answer)),
    );
  });
  const client = createLigdicashClient({
    apiUrl: "https://ligdicash.test/",
    apiKey: "KEY",
    authToken: "AUTH",
    fetch: fetch as unknown as typeof globalThis.fetch,
    confirmTimeoutMs: deadlineMs,
    createTimeoutMs: deadlineMs,
  });
  return { client, calls };
}

/** LigdiCash accepting the connection and never answering. */
const hang: Handler = (_url, init) =>
  new Promise<Response>((_, reject) =>
    init.signal?.addEventListener("abort", () => reject(new Error("aborted"))),
  );

const completed = {
  response_code: "00",
  token: "",
  response_text: "",
  status: "completed",
  operator_id: "11",
  operator_name: "ORANGE BURKINA",
  customer: "22676275726",
  montant: 15000,
  amount: 15000,
  custom_data: [
    { keyof_customdata: "transaction_id", valueof_customdata: "pay_abcdefghijklmnopqrstuvwx" },
  ],
};

describe("createInvoice", () => {
  it("posts the documented commande body with the auth headers and returns token, URL and expiry", async () => {
    const { client, calls } = respond({
      response_code: "00",
      token: TOKEN,
      response_text: "https://pay.test/invoice/x",
      description: "",
    });
    const invoice = await client.createInvoice(request);
    expect(invoice).toEqual({
      token: TOKEN,
      payUrl: "https://pay.test/invoice/x",
      expiresAt: 1677259452_000,
    });
    const call = calls[0]!;
    expect(call.url).toBe("https://ligdicash.test/pay/v01/redirect/checkout-invoice/create");
    expect(call.init.headers).toMatchObject({
      Apikey: "KEY",
      Authorization: "Bearer AUTH",
      "Content-Type": "application/json",
    });
    const body = JSON.parse(call.init.body as string) as {
      commande: Record<string, Record<string, unknown>>;
    };
    expect(body.commande.invoice).toMatchObject({
      total_amount: 15000,
      devise: "XOF",
      customer: "",
      items: [
        { name: "Premium", quantity: 1, unit_price: 15000, total_price: 15000, description: "" },
      ],
    });
    expect(body.commande.custom_data).toEqual({
      transaction_id: request.transactionId,
      order_id: "order_7f3a9b",
    });
    expect(body.commande.actions).toEqual({
      cancel_url: "https://s/c",
      return_url: "https://s/r",
      callback_url: "https://s/cb",
    });
  });

  it.each([
    ["00", "LIGDICASH_AUTH_FAILED"],
    ["02", "LIGDICASH_INVALID_AMOUNT"],
    ["04", "LIGDICASH_REFUSED"],
    ["13", "LIGDICASH_REFUSED"],
  ])("maps Echec (Code%s) to %s", async (code, expected) => {
    const { client } = respond({
      response_code: "01",
      token: "",
      response_text: `Echec (Code${code})`,
      description: "",
    });
    const error = await client.createInvoice(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LigdicashError);
    expect(error).toMatchObject({ code: expected, providerCode: code });
    expect((error as Error).message).not.toMatch(/Echec|Code\d/);
  });

  it("never retries a create, and reports 5xx and timeouts as unavailable", async () => {
    const failing = respond(() => new Response("oops", { status: 502 }));
    await expect(failing.client.createInvoice(request)).rejects.toMatchObject({
      code: "LIGDICASH_UNAVAILABLE",
    });
    expect(failing.calls).toHaveLength(1);
    const hanging = respond(hang);
    await expect(hanging.client.createInvoice(request)).rejects.toMatchObject({
      code: "LIGDICASH_UNAVAILABLE",
    });
    expect(hanging.calls).toHaveLength(1);
  });

  it("refuses a success answer without a token or URL", async () => {
    const { client } = respond({ response_code: "00", token: "", response_text: "" });
    await expect(client.createInvoice(request)).rejects.toMatchObject({
      code: "LIGDICASH_BAD_RESPONSE",
    });
  });
});

describe("confirmInvoice", () => {
  it("sends invoiceToken on the documented path and reads a completed payment", async () => {
    const { client, calls } = respond(completed);
    await expect(client.confirmInvoice(TOKEN)).resolves.toEqual({
      status: "paid",
      amount: 15000,
      currency: null,
      transactionId: "pay_abcdefghijklmnopqrstuvwx",
      operator: "ORANGE BURKINA",
      customer: "22676275726",
    });
    expect(calls[0]!.url).toBe(
      `https://ligdicash.test/pay/v01/redirect/checkout-invoice/confirm/?invoiceToken=${TOKEN}`,
    );
  });

  it("accepts amounts as strings, both failure spellings, absent and extra fields", async () => {
    for (const [answer, expected] of [
      [
        { response_code: "00", status: "completed", amount: "15000", custom_data: [] },
        { status: "paid", amount: 15000, transactionId: null },
      ],
      [
        { response_code: "00", status: "nocompleted" },
        { status: "failed", amount: null },
      ],
      [
        { response_code: "00", status: "notcompleted", montant: "100", surprise: { x: 1 } },
        { status: "failed", amount: 100 },
      ],
      [
        {
          response_code: 0,
          status: "pending",
          operator_id: 12,
          operator_name: null,
          customer: null,
        },
        { status: "pending", operator: null },
      ],
      [
        {
          response_code: "00",
          status: "completed",
          montant: 15000,
          custom_data: JSON.stringify({ transaction_id: "pay_x" }),
        },
        { amount: 15000, transactionId: "pay_x" },
      ],
    ] as const) {
      const { client } = respond(answer);
      await expect(client.confirmInvoice("t")).resolves.toMatchObject(expected);
    }
  });

  it("maps a refusal and an unknown status to typed errors", async () => {
    await expect(
      respond({ response_code: "01", response_text: "Echec (Code02)" }).client.confirmInvoice("t"),
    ).rejects.toMatchObject({ code: "LIGDICASH_REFUSED", providerCode: "02" });
    await expect(
      respond({ response_code: "00", status: "weird" }).client.confirmInvoice("t"),
    ).rejects.toMatchObject({ code: "LIGDICASH_BAD_RESPONSE" });
    await expect(
      respond({ response_code: "00", status: "completed", amount: "12abc" }).client.confirmInvoice(
        "t",
      ),
    ).rejects.toMatchObject({ code: "LIGDICASH_BAD_RESPONSE" });
  });

  it("retries 5xx, then succeeds; a malformed answer is not retried", async () => {
    const { client, calls } = respondWithin(
      5_000,
      () => new Response("", { status: 500 }),
      () => new Response("", { status: 502 }),
      completed,
    );
    await expect(client.confirmInvoice("t")).resolves.toMatchObject({ status: "paid" });
    expect(calls).toHaveLength(3);
    const malformed = respondWithin(5_000, "{not json", completed);
    await expect(malformed.client.confirmInvoice("t")).rejects.toMatchObject({
      code: "LIGDICASH_BAD_RESPONSE",
    });
    expect(malformed.calls).toHaveLength(1);
  });

  it("does not retry a 429, and holds every confirm until Retry-After has passed", async () => {
    const tooMany = () => new Response("", { status: 429, headers: { "retry-after": "30" } });
    const { client, calls } = respondWithin(5_000, tooMany, completed);
    await expect(client.confirmInvoice("t")).rejects.toMatchObject({
      code: "LIGDICASH_RATE_LIMITED",
      retryAfterMs: 30_000,
    });
    expect(calls).toHaveLength(1);
    await expect(client.confirmInvoice("u")).rejects.toMatchObject({
      code: "LIGDICASH_RATE_LIMITED",
    });
    expect(calls).toHaveLength(1);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-05-09T07:20:00Z");
    expect(retryAfterMs("12", now)).toBe(12_000);
    expect(retryAfterMs("Sat, 09 May 2026 07:21:00 GMT", now)).toBe(60_000);
    expect(retryAfterMs(null, now)).toBe(30_000);
  });

  it("gives up after the retries", async () => {
    const { client, calls } = respondWithin(5_000, () => new Response("", { status: 503 }));
    await expect(client.confirmInvoice("t")).rejects.toMatchObject({
      code: "LIGDICASH_UNAVAILABLE",
    });
    expect(calls).toHaveLength(3);
  });

  it("keeps its deadline when LigdiCash hangs", async () => {
    const { client } = respond(hang);
    const started = Date.now();
    await expect(client.confirmInvoice("t")).rejects.toMatchObject({
      code: "LIGDICASH_UNAVAILABLE",
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
