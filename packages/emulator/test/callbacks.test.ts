import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/index.js";
import {
  createInvoice,
  getConfirm,
  startCallbackSink,
  UNREACHABLE,
  type CallbackSink,
} from "./helpers.js";

let emulator: Emulator;
let sink: CallbackSink;
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    callbackRetry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 300 },
  });
  sink = await startCallbackSink();
});
afterAll(async () => {
  await emulator.close();
  await sink.close();
});
afterEach(() => {
  emulator.reset();
  sink.received.length = 0;
  sink.respondWith([]);
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
const statuses = () =>
  sink.received.map((post) => String(parseAny(post.body, post.contentType).status));
function parseAny(body: string, contentType: string): Record<string, unknown> {
  return contentType.startsWith(JSON_TYPE) ? parseJson(body) : formOf(body);
}

describe("callbacks", () => {
  it("posts every event twice, form-encoded then JSON, before settle() resolves", async () => {
    const { id } = await createInvoice(emulator, sink.url);
    await emulator.settle(id, "completed");
    expect(sink.received.map((post) => post.contentType)).toEqual([FORM, JSON_TYPE]);
    const [form, json] = sink.received;
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
    const { id } = await createInvoice(emulator, sink.url);
    await emulator.settle(id, "notcompleted");
    expect(emulator.callbacks()).toEqual(
      sink.received.map((post) => ({
        invoiceId: id,
        url: sink.url,
        contentType: post.contentType,
        status: "notcompleted",
        body: post.body,
        responseStatus: 200,
        attempt: 1,
      })),
    );
  });

  it("retries a post that gets a non-2xx answer, then goes on with the next", async () => {
    const { id } = await createInvoice(emulator, sink.url);
    sink.respondWith([500, 503]);
    await emulator.settle(id, "completed");
    expect(
      emulator
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
    const { id } = await createInvoice(emulator, sink.url);
    sink.respondWith(Array.from({ length: 10 }, () => 500));
    await emulator.settle(id, "completed");
    expect(emulator.callbacks().map((delivery) => delivery.attempt)).toEqual([1, 2, 3, 1, 2, 3]);
    expect(emulator.invoices()[0]?.status).toBe("completed");
  });

  it("records a refused connection as no answer and retries it", async () => {
    const { id } = await createInvoice(emulator, UNREACHABLE);
    await emulator.settle(id, "completed");
    const deliveries = emulator.callbacks();
    expect(deliveries).toHaveLength(6);
    expect(deliveries.every((delivery) => delivery.responseStatus === null)).toBe(true);
  });

  it("treats a shop that never answers as a failed try once the deadline passes", async () => {
    const { id } = await createInvoice(emulator, sink.url);
    sink.hang(1);
    await emulator.settle(id, "completed");
    expect(emulator.callbacks().map((delivery) => delivery.responseStatus)).toEqual([
      null,
      200,
      200,
    ]);
  });

  it("sends nothing for an invoice created without callback_url", async () => {
    const { id } = await createInvoice(emulator, "");
    await emulator.settle(id, "completed");
    expect(emulator.callbacks()).toEqual([]);
  });

  it("rejects settling an invoice it never issued", async () => {
    await expect(emulator.settle("12345678", "completed")).rejects.toThrow(/Unknown invoice/);
  });
});

describe("callback faults", () => {
  it("drop: sends and records nothing, yet the invoice settles", async () => {
    const { id, token } = await createInvoice(emulator, sink.url);
    emulator.setFaults({ callbacks: { drop: true } });
    await emulator.settle(id, "completed");
    expect(sink.received).toEqual([]);
    expect(emulator.callbacks()).toEqual([]);
    expect((await getConfirm(emulator, `/?invoiceToken=${token}`)).status).toBe("completed");
  });

  it("duplicate: sends each of the two posts twice", async () => {
    const { id } = await createInvoice(emulator, sink.url);
    emulator.setFaults({ callbacks: { duplicate: true } });
    await emulator.settle(id, "completed");
    expect(sink.received.map((post) => post.contentType)).toEqual([
      FORM,
      FORM,
      JSON_TYPE,
      JSON_TYPE,
    ]);
    expect(sink.received[0]?.body).toBe(sink.received[1]?.body);
  });

  it("reorder: sends the JSON copy first", async () => {
    const { id } = await createInvoice(emulator, sink.url);
    emulator.setFaults({ callbacks: { reorder: true } });
    await emulator.settle(id, "completed");
    expect(sink.received.map((post) => post.contentType)).toEqual([JSON_TYPE, FORM]);
  });

  it("pendingFirst: a full pending pair, without operator, before the final pair", async () => {
    const { id } = await createInvoice(emulator, sink.url);
    emulator.setFaults({ callbacks: { pendingFirst: true } });
    await emulator.settle(id, "completed");
    expect(sink.received.map((post) => post.contentType)).toEqual([
      FORM,
      JSON_TYPE,
      FORM,
      JSON_TYPE,
    ]);
    expect(statuses()).toEqual(["pending", "pending", "completed", "completed"]);
    expect(parseJson(sink.received[1]!.body)).toMatchObject({ operator_id: "", customer: "" });
  });

  it("delayMs: holds the callbacks back while the invoice is already settled", async () => {
    const { id, token } = await createInvoice(emulator, sink.url);
    emulator.setFaults({ callbacks: { delayMs: 300 } });
    const started = Date.now();
    const settling = emulator.settle(id, "completed");
    expect((await getConfirm(emulator, `/?invoiceToken=${token}`)).status).toBe("completed");
    await settling;
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sink.received).toHaveLength(2);
  });

  it("clears a fault with null, and merges faults set separately", async () => {
    const { id, token } = await createInvoice(emulator, sink.url);
    emulator.setFaults({ callbacks: { reorder: true, duplicate: true } });
    emulator.setFaults({ confirm: { mode: "500", count: 1 } });
    emulator.setFaults({ callbacks: null });
    await emulator.settle(id, "completed");
    expect(sink.received.map((post) => post.contentType)).toEqual([FORM, JSON_TYPE]);
    const confirm = await fetch(
      `${emulator.url}/pay/v01/redirect/checkout-invoice/confirm/?invoiceToken=${token}`,
    );
    expect(confirm.status).toBe(500);
  });

  it("reset cancels callbacks still waiting for a retry", async () => {
    const slow = await startEmulator({
      port: 0,
      callbackRetry: { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    try {
      const { id } = await createInvoice(slow, sink.url);
      sink.respondWith([500]);
      const settling = slow.settle(id, "completed");
      await new Promise<void>((resolve) => {
        const poll = () => (slow.callbacks().length > 0 ? resolve() : setTimeout(poll, 5));
        poll();
      });
      slow.reset();
      await settling;
      expect(slow.callbacks()).toEqual([]);
      expect(sink.received).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});

describe("quirks", () => {
  it("amountsAsStrings: amount and montant as strings in callbacks and confirm", async () => {
    const { id, token } = await createInvoice(emulator, sink.url);
    emulator.setQuirks({ amountsAsStrings: true });
    await emulator.settle(id, "completed");
    expect(parseJson(sink.received[1]!.body)).toMatchObject({ amount: "15000", montant: "15000" });
    const confirm = await getConfirm(emulator, `/?invoiceToken=${token}`);
    expect(confirm).toMatchObject({ amount: "15000", montant: "15000" });
  });

  it("failureStatus nocompleted: the older spelling on the wire only", async () => {
    const { id, token } = await createInvoice(emulator, sink.url);
    emulator.setQuirks({ failureStatus: "nocompleted" });
    await emulator.settle(id, "notcompleted");
    expect(statuses()).toEqual(["nocompleted", "nocompleted"]);
    expect(emulator.callbacks().map((delivery) => delivery.status)).toEqual([
      "nocompleted",
      "nocompleted",
    ]);
    expect((await getConfirm(emulator, `/?invoiceToken=${token}`)).status).toBe("nocompleted");
    expect(emulator.invoices()[0]?.status).toBe("notcompleted");
  });

  it("formCustomData brackets: the form copy uses PHP bracket keys", async () => {
    const { id } = await createInvoice(emulator, sink.url);
    emulator.setQuirks({ formCustomData: "brackets" });
    await emulator.settle(id, "completed");
    const fields = formOf(sink.received[0]!.body);
    expect(fields).toMatchObject({
      "custom_data[0][keyof_customdata]": "transaction_id",
      "custom_data[0][valueof_customdata]": "order_7f3a9b",
      "custom_data[1][keyof_customdata]": "hash",
      "custom_data[2][keyof_customdata]": "logfile",
      "customer_details[phone]": "22676275726",
    });
    expect(fields).not.toHaveProperty("custom_data");
    // The JSON copy is unaffected.
    expect(Array.isArray(parseJson(sink.received[1]!.body).custom_data)).toBe(true);
  });
});
