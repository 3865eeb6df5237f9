import { describe, expect, it } from "vitest";
import { createInvoice, UNREACHABLE, useEmulatorWithSink } from "./helpers.js";

const t = useEmulatorWithSink({
  callbackRetry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 300 },
});

const DOC_CALLBACK_KEYS = [
  "date",
  "wiki",
  "token",
  "amount",
  "status",
  "montant",
  "customer",
  "oreference",
  "request_id",
  "custom_data",
  "description",
  "external_id",
  "operator_id",
  "operator_name",
  "response_code",
  "response_text",
  "customer_details",
];
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

const parseJson = (body: string) => JSON.parse(body) as Record<string, unknown>;
const formOf = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe("callbacks", () => {
  it("posts every event twice, form-encoded then JSON, before settle() resolves", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    await t.emulator.settle(id, "completed");
    expect(t.sink.received.map((post) => post.contentType)).toEqual([FORM, JSON_TYPE]);
    const [form, json] = t.sink.received;
    const payload = parseJson(json!.body);
    expect(Object.keys(payload)).toEqual(DOC_CALLBACK_KEYS);
    expect(payload).toMatchObject({
      wiki: "https://client.ligdicash.com/wiki/confirmInvoice",
      token: "",
      amount: 15000,
      status: "completed",
      montant: 15000,
      customer: "22676275726",
      oreference: "",
      description: "",
      external_id: "order_7f3a9b",
      operator_id: "11",
      operator_name: "ORANGE BURKINA",
      response_code: "00",
      response_text: "",
      customer_details: {
        email: "aminata@example.com",
        phone: "22676275726",
        details: "",
        lastname: "Ouedraogo",
        firstname: "Aminata",
      },
    });
    const entries = payload.custom_data as {
      keyof_customdata: string;
      valueof_customdata: string;
    }[];
    expect(entries.map((entry) => entry.keyof_customdata)).toEqual([
      "transaction_id",
      "hash",
      "logfile",
    ]);
    expect(entries[0]?.valueof_customdata).toBe("order_7f3a9b");

    // The form copy carries the same fields, custom_data as a JSON string of the same array.
    const fields = formOf(form!.body);
    expect(Object.keys(fields)).toEqual(DOC_CALLBACK_KEYS);
    expect(fields).toMatchObject({ status: "completed", amount: "15000", operator_id: "11" });
    expect(JSON.parse(fields.custom_data!)).toEqual(entries);
  });

  it("records every delivery with its exact body, status and answer", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    await t.emulator.settle(id, "notcompleted");
    expect(t.emulator.callbacks()).toEqual(
      t.sink.received.map((post) => ({
        invoiceId: id,
        url: t.sink.url,
        contentType: post.contentType,
        status: "notcompleted",
        body: post.body,
        responseStatus: 200,
        attempt: 1,
      })),
    );
  });

  it("retries a post that gets a non-2xx answer, then goes on with the next", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    t.sink.respondWith([500, 503]);
    await t.emulator.settle(id, "completed");
    expect(
      t.emulator
        .callbacks()
        .map(({ contentType, attempt, responseStatus }) => [contentType, attempt, responseStatus]),
    ).toEqual([
      [FORM, 1, 500],
      [FORM, 2, 503],
      [FORM, 3, 200],
      [JSON_TYPE, 1, 200],
    ]);
  });

  it("gives up after the configured number of tries", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    t.sink.respondWith(Array.from({ length: 10 }, () => 500));
    await t.emulator.settle(id, "completed");
    expect(t.emulator.callbacks().map((delivery) => delivery.attempt)).toEqual([1, 2, 3, 1, 2, 3]);
    expect(t.emulator.invoices()[0]?.status).toBe("completed");
  });

  it("records a refused connection as no answer and retries it", async () => {
    const { id } = await createInvoice(t.emulator, UNREACHABLE);
    await t.emulator.settle(id, "completed");
    const deliveries = t.emulator.callbacks();
    expect(deliveries).toHaveLength(6);
    expect(deliveries.every((delivery) => delivery.responseStatus === null)).toBe(true);
  });

  it("treats a shop that never answers as a failed try once the deadline passes", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    t.sink.hang(1);
    await t.emulator.settle(id, "completed");
    expect(t.emulator.callbacks().map((delivery) => delivery.responseStatus)).toEqual([
      null,
      200,
      200,
    ]);
  });

  it("sends nothing for an invoice created without callback_url", async () => {
    const { id } = await createInvoice(t.emulator, "");
    await t.emulator.settle(id, "completed");
    expect(t.emulator.callbacks()).toEqual([]);
  });

  it("rejects settling an invoice it never issued", async () => {
    await expect(t.emulator.settle("12345678", "completed")).rejects.toThrow(/Unknown invoice/);
  });
});
