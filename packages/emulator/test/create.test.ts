import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/index.js";
import { AUTH, CREATE, createInvoice, docCreateBody, postCreate, tokenPayload } from "./helpers.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const refusal = (code: string, wiki = "https://client.ligdicash.com/wiki/createInvoice") => ({
  response_code: "01",
  token: "",
  response_text: `Echec (Code${code})`,
  description: "",
  wiki,
});

describe("POST /pay/v01/redirect/checkout-invoice/create", () => {
  it("answers the documented success shape with a payment page on the emulator", async () => {
    const answer = await postCreate(emulator, docCreateBody());
    expect(Object.keys(answer)).toEqual([
      "response_code",
      "token",
      "response_text",
      "description",
      "wiki",
    ]);
    expect(answer).toMatchObject({
      response_code: "00",
      description: "",
      wiki: "https://client.ligdicash.com/wiki/createInvoice",
    });
    expect(answer.response_text).toBe(
      `${emulator.url}/directpayment/invoice/${String(answer.token)}`,
    );
  });

  it("hands out an HS256 JWT-shaped token with id_invoice, start_date and a 24 h expiry", async () => {
    const before = Math.floor(Date.now() / 1000);
    const { token } = await postCreate(emulator, docCreateBody());
    const [header, , signature] = String(token).split(".");
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toEqual({
      typ: "JWT",
      alg: "HS256",
    });
    expect(signature).toMatch(/^[\w-]{43}$/);
    const payload = tokenPayload(String(token));
    expect(Object.keys(payload)).toEqual(["id_invoice", "start_date", "expiry_date"]);
    expect(payload.id_invoice).toMatch(/^\d{8}$/);
    expect(payload.start_date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const expiry = payload.expiry_date as number;
    expect(expiry - before).toBeGreaterThanOrEqual(24 * 3600 - 1);
    expect(expiry - before).toBeLessThanOrEqual(24 * 3600 + 5);
  });

  it("stores the invoice as the shop described it", async () => {
    const { token, id } = await createInvoice(emulator, "http://127.0.0.1:9/callback");
    expect(emulator.invoices()).toEqual([
      {
        id,
        token,
        status: "pending",
        amount: 15000,
        currency: "XOF",
        description: "Order #order_7f3a9b",
        customData: { transaction_id: "order_7f3a9b" },
        callbackUrl: "http://127.0.0.1:9/callback",
        returnUrl: "https://mystore.com/payment/success",
        cancelUrl: "https://mystore.com/payment/cancel",
        payUrl: `${emulator.url}/directpayment/invoice/${token}`,
        storeName: "My Store",
        createdAt: emulator.invoices()[0]?.createdAt,
      },
    ]);
    expect(Date.parse(emulator.invoices()[0]!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(tokenPayload(token).id_invoice).toBe(id);
  });

  it("gives every invoice its own id and token", async () => {
    const first = await createInvoice(emulator);
    const second = await createInvoice(emulator);
    expect(second.id).not.toBe(first.id);
    expect(second.token).not.toBe(first.token);
  });

  it.each([
    ["no headers", {}],
    ["a wrong Apikey", { ...AUTH, Apikey: "nope" }],
    ["a wrong Bearer token", { ...AUTH, Authorization: "Bearer nope" }],
    ["the token without Bearer", { ...AUTH, Authorization: "emulator-auth-token" }],
    ["no Authorization", { Apikey: AUTH.Apikey }],
  ])("refuses %s with Echec (Code00) over HTTP 200", async (_label, headers) => {
    const res = await fetch(`${emulator.url}${CREATE}`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify(docCreateBody()),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(refusal("00"));
    expect(emulator.invoices()).toEqual([]);
  });

  it.each([9, 2_000_000])("accepts the amount %i at the edge of the range", async (amount) => {
    const answer = await postCreate(emulator, docCreateBody(undefined, { total_amount: amount }));
    expect(answer.response_code).toBe("00");
  });

  it.each([8, 2_000_001, 0, -100, 150.5, "15000", null])(
    "refuses total_amount %j with Echec (Code02)",
    async (amount) => {
      const answer = await postCreate(emulator, docCreateBody(undefined, { total_amount: amount }));
      expect(answer).toEqual(refusal("02"));
    },
  );

  it("refuses an item without unit_price with Code04 and PHP's warning as details", async () => {
    const items = [{ name: "Premium", quantity: 1, price: 15000 }];
    const answer = await postCreate(emulator, docCreateBody(undefined, { items }));
    expect(answer).toEqual({
      response_code: "01",
      token: "",
      response_text: "Echec (Code04)",
      response_text_details: 'Undefined array key "unit_price"',
      description: "",
      wiki: "https://client.ligdicash.com/wiki/createInvoice",
    });
  });

  it("accepts an empty item list", async () => {
    const answer = await postCreate(emulator, docCreateBody(undefined, { items: [] }));
    expect(answer.response_code).toBe("00");
  });

  it("refuses a body that is not JSON with Code08", async () => {
    const res = await fetch(`${emulator.url}${CREATE}`, {
      method: "POST",
      headers: { ...AUTH, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(await res.json()).toMatchObject({
      response_code: "01",
      response_text: "Echec (Code08)",
    });
  });

  it("accepts the path with a trailing slash and refuses other methods", async () => {
    const res = await fetch(`${emulator.url}${CREATE}/`, {
      method: "POST",
      headers: { ...AUTH, "Content-Type": "application/json" },
      body: JSON.stringify(docCreateBody()),
    });
    expect(((await res.json()) as { response_code: string }).response_code).toBe("00");
    const get = await fetch(`${emulator.url}${CREATE}`, { headers: AUTH });
    expect(get.status).toBe(405);
  });

  it("answers 413 to a body over its limit", async () => {
    const res = await fetch(`${emulator.url}${CREATE}`, {
      method: "POST",
      headers: { ...AUTH, "Content-Type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(300 * 1024) }),
    });
    expect(res.status).toBe(413);
  });
});

describe("startEmulator options", () => {
  it("checks the credentials it was given and uses publicUrl in page links", async () => {
    const custom = await startEmulator({
      port: 0,
      apiKey: "K",
      authToken: "T",
      publicUrl: "https://pay.example.test/",
    });
    try {
      const refused = await postCreate(custom, docCreateBody());
      expect(refused.response_text).toBe("Echec (Code00)");
      const created = await postCreate(custom, docCreateBody(), {
        Apikey: "K",
        Authorization: "Bearer T",
      });
      expect(created.response_text).toBe(
        `https://pay.example.test/directpayment/invoice/${String(created.token)}`,
      );
    } finally {
      await custom.close();
    }
  });

  it("listens on loopback by default", () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("rejects options that cannot work, saying what to fix", async () => {
    await expect(startEmulator({ port: 70_000 })).rejects.toThrow(/port must be an integer/);
    await expect(startEmulator({ publicUrl: "localhost:4010" })).rejects.toThrow(/publicUrl/);
    await expect(startEmulator({ apiKey: "" })).rejects.toThrow(/apiKey/);
    await expect(startEmulator({ callbackRetry: { attempts: 0 } })).rejects.toThrow(/attempts/);
  });
});
