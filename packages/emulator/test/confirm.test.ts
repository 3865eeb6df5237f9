import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/index.js";
import { AUTH, CONFIRM, createInvoice as create, getConfirm, UNREACHABLE } from "./helpers.js";

let emulator: Emulator;
const createInvoice = (target: Emulator) => create(target, UNREACHABLE);
beforeAll(async () => {
  // Nobody listens for these callbacks: one quick try is enough.
  emulator = await startEmulator({ port: 0, callbackRetry: { attempts: 1 } });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const DOC_CONFIRM_KEYS = [
  "response_code",
  "token",
  "response_text",
  "description",
  "status",
  "operator_id",
  "operator_name",
  "customer",
  "montant",
  "amount",
  "date",
  "external_id",
  "oreference",
  "request_id",
  "custom_data",
  "customer_details",
  "wiki",
];

describe("GET /pay/v01/redirect/checkout-invoice/confirm", () => {
  it.each([
    ["confirm/?invoiceToken=", "/?invoiceToken="],
    ["confirm?invoiceToken=", "?invoiceToken="],
    ["confirm/?token=", "/?token="],
    ["confirm?token=", "?token="],
  ])("finds the invoice with %s", async (_label, query) => {
    const { token, id } = await createInvoice(emulator);
    const answer = await getConfirm(emulator, `${query}${token}`);
    expect(answer.response_code).toBe("00");
    expect(answer.status).toBe("pending");
    expect(answer.custom_data).toContainEqual(
      expect.objectContaining({ keyof_customdata: "transaction_id" }),
    );
    expect(emulator.invoices().map((invoice) => invoice.id)).toEqual([id]);
  });

  it("answers a pending invoice in the documented shape, operator and payer empty", async () => {
    const { token } = await createInvoice(emulator);
    const answer = await getConfirm(emulator, `/?invoiceToken=${token}`);
    expect(Object.keys(answer)).toEqual(DOC_CONFIRM_KEYS);
    expect(answer).toMatchObject({
      response_code: "00",
      token: "",
      response_text: "",
      description: "",
      status: "pending",
      operator_id: "",
      operator_name: "",
      customer: "",
      montant: 15000,
      amount: 15000,
      external_id: "order_7f3a9b",
      oreference: "",
      customer_details: {
        firstname: "Aminata",
        lastname: "Ouedraogo",
        email: "aminata@example.com",
        phone: "",
        details: "",
      },
      wiki: "https://client.ligdicash.com/wiki/confirmInvoice",
    });
    expect(answer.date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00$/);
    expect(answer.request_id).toMatch(/^P\d{13}$/);
  });

  it("echoes custom_data as keyof/valueof entries with LigdiCash's logfile appended", async () => {
    const { token } = await createInvoice(emulator);
    const answer = await getConfirm(emulator, `/?invoiceToken=${token}`);
    const entries = answer.custom_data as Record<string, string>[];
    expect(entries.map((entry) => entry.keyof_customdata)).toEqual(["transaction_id", "logfile"]);
    expect(Object.keys(entries[0]!)).toEqual([
      "keyof_customdata",
      "valueof_customdata",
      "datecreation_customdata",
    ]);
    expect(entries[0]).toMatchObject({
      keyof_customdata: "transaction_id",
      valueof_customdata: "order_7f3a9b",
    });
    expect(entries[0]?.datecreation_customdata).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    expect(entries[1]?.valueof_customdata).toMatch(/^\d{14}[0-9a-f]{13}$/);
  });

  it("reports the operator and payer once the invoice is paid", async () => {
    const { token, id } = await createInvoice(emulator);
    await emulator.settle(id, "completed");
    const answer = await getConfirm(emulator, `/?invoiceToken=${token}`);
    expect(answer).toMatchObject({
      status: "completed",
      operator_id: "11",
      operator_name: "ORANGE BURKINA",
      customer: "22676275726",
      customer_details: expect.objectContaining({ phone: "22676275726" }) as unknown,
    });
  });

  it("reports a declined invoice as notcompleted, with the operator chosen", async () => {
    const { token } = await createInvoice(emulator);
    await emulator.settle(token, "notcompleted", { operatorId: "39", customer: "221771234567" });
    const answer = await getConfirm(emulator, `?token=${token}`);
    expect(answer).toMatchObject({
      status: "notcompleted",
      operator_id: "39",
      operator_name: "WAVE SENEGAL",
      customer: "221771234567",
    });
  });

  it("reports what LigdiCash recorded, even when it differs from what the shop asked", async () => {
    const { token, id } = await createInvoice(emulator);
    emulator.patchInvoice(id, { amount: 100, customData: { transaction_id: "someone_else" } });
    const answer = await getConfirm(emulator, `/?invoiceToken=${token}`);
    expect(answer.amount).toBe(100);
    expect(answer.montant).toBe(100);
    expect((answer.custom_data as { valueof_customdata: string }[])[0]?.valueof_customdata).toBe(
      "someone_else",
    );
    expect(emulator.invoices()[0]?.amount).toBe(100);
  });

  it("answers an unknown token with Echec (Code02)", async () => {
    await createInvoice(emulator);
    const answer = await getConfirm(
      emulator,
      "/?invoiceToken=eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.x",
    );
    expect(answer).toEqual({
      response_code: "01",
      token: "",
      response_text: "Echec (Code02)",
      description: "",
      wiki: "https://client.ligdicash.com/wiki/confirmInvoice",
    });
  });

  it("answers a missing token with a data input error (Code04)", async () => {
    const answer = await getConfirm(emulator, "/");
    expect(answer.response_text).toBe("Echec (Code04)");
  });

  it.each([
    ["no headers", {}],
    ["a wrong Apikey", { ...AUTH, Apikey: "wrong" }],
    ["a wrong Bearer token", { ...AUTH, Authorization: "Bearer wrong" }],
  ])("refuses %s with Echec (Code00) and reveals nothing", async (_label, headers) => {
    const { token } = await createInvoice(emulator);
    const res = await fetch(`${emulator.url}${CONFIRM}/?invoiceToken=${token}`, { headers });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ response_code: "01", response_text: "Echec (Code00)" });
    expect(answer).not.toHaveProperty("status");
  });

  it("refuses other methods", async () => {
    const res = await fetch(`${emulator.url}${CONFIRM}/?invoiceToken=x`, {
      method: "POST",
      headers: AUTH,
    });
    expect(res.status).toBe(405);
  });
});
