import { describe, expect, it } from "vitest";
import { startEmulator } from "../src/index.js";
import { createInvoice, getConfirm, useEmulatorWithSink } from "./helpers.js";

const t = useEmulatorWithSink({
  callbackRetry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 300 },
});

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

const parseJson = (body: string) => JSON.parse(body) as Record<string, unknown>;
const formOf = (body: string) => Object.fromEntries(new URLSearchParams(body));
const statuses = () =>
  t.sink.received.map((post) => String(parseAny(post.body, post.contentType).status));
function parseAny(body: string, contentType: string): Record<string, unknown> {
  return contentType.startsWith(JSON_TYPE) ? parseJson(body) : formOf(body);
}

describe("callback faults", () => {
  it("drop: sends and records nothing, yet the invoice settles", async () => {
    const { id, token } = await createInvoice(t.emulator, t.sink.url);
    t.emulator.setFaults({ callbacks: { drop: true } });
    await t.emulator.settle(id, "completed");
    expect(t.sink.received).toEqual([]);
    expect(t.emulator.callbacks()).toEqual([]);
    expect((await getConfirm(t.emulator, `/?invoiceToken=${token}`)).status).toBe("completed");
  });

  it("duplicate: sends each of the two posts twice", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    t.emulator.setFaults({ callbacks: { duplicate: true } });
    await t.emulator.settle(id, "completed");
    expect(t.sink.received.map((post) => post.contentType)).toEqual([
      FORM,
      FORM,
      JSON_TYPE,
      JSON_TYPE,
    ]);
    expect(t.sink.received[0]?.body).toBe(t.sink.received[1]?.body);
  });

  it("reorder: sends the JSON copy first", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    t.emulator.setFaults({ callbacks: { reorder: true } });
    await t.emulator.settle(id, "completed");
    expect(t.sink.received.map((post) => post.contentType)).toEqual([JSON_TYPE, FORM]);
  });

  it("pendingFirst: a full pending pair, without operator, before the final pair", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    t.emulator.setFaults({ callbacks: { pendingFirst: true } });
    await t.emulator.settle(id, "completed");
    expect(t.sink.received.map((post) => post.contentType)).toEqual([
      FORM,
      JSON_TYPE,
      FORM,
      JSON_TYPE,
    ]);
    expect(statuses()).toEqual(["pending", "pending", "completed", "completed"]);
    expect(parseJson(t.sink.received[1]!.body)).toMatchObject({ operator_id: "", customer: "" });
  });

  it("delayMs: holds the callbacks back while the invoice is already settled", async () => {
    const { id, token } = await createInvoice(t.emulator, t.sink.url);
    t.emulator.setFaults({ callbacks: { delayMs: 300 } });
    const started = Date.now();
    const settling = t.emulator.settle(id, "completed");
    expect((await getConfirm(t.emulator, `/?invoiceToken=${token}`)).status).toBe("completed");
    await settling;
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(t.sink.received).toHaveLength(2);
  });

  it("clears a fault with null, and merges faults set separately", async () => {
    const { id, token } = await createInvoice(t.emulator, t.sink.url);
    t.emulator.setFaults({ callbacks: { reorder: true, duplicate: true } });
    t.emulator.setFaults({ confirm: { mode: "500", count: 1 } });
    t.emulator.setFaults({ callbacks: null });
    await t.emulator.settle(id, "completed");
    expect(t.sink.received.map((post) => post.contentType)).toEqual([FORM, JSON_TYPE]);
    const confirm = await fetch(
      `${t.emulator.url}/pay/v01/redirect/checkout-invoice/confirm/?invoiceToken=${token}`,
    );
    expect(confirm.status).toBe(500);
  });

  it("reset cancels callbacks still waiting for a retry", async () => {
    const slow = await startEmulator({
      port: 0,
      callbackRetry: { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    try {
      const { id } = await createInvoice(slow, t.sink.url);
      t.sink.respondWith([500]);
      const settling = slow.settle(id, "completed");
      await new Promise<void>((resolve) => {
        const poll = () => (slow.callbacks().length > 0 ? resolve() : setTimeout(poll, 5));
        poll();
      });
      slow.reset();
      await settling;
      expect(slow.callbacks()).toEqual([]);
      expect(t.sink.received).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});

describe("quirks", () => {
  it("amountsAsStrings: amount and montant as strings in callbacks and confirm", async () => {
    const { id, token } = await createInvoice(t.emulator, t.sink.url);
    t.emulator.setQuirks({ amountsAsStrings: true });
    await t.emulator.settle(id, "completed");
    expect(parseJson(t.sink.received[1]!.body)).toMatchObject({
      amount: "15000",
      montant: "15000",
    });
    const confirm = await getConfirm(t.emulator, `/?invoiceToken=${token}`);
    expect(confirm).toMatchObject({ amount: "15000", montant: "15000" });
  });

  it("failureStatus nocompleted: the older spelling on the wire only", async () => {
    const { id, token } = await createInvoice(t.emulator, t.sink.url);
    t.emulator.setQuirks({ failureStatus: "nocompleted" });
    await t.emulator.settle(id, "notcompleted");
    expect(statuses()).toEqual(["nocompleted", "nocompleted"]);
    expect(t.emulator.callbacks().map((delivery) => delivery.status)).toEqual([
      "nocompleted",
      "nocompleted",
    ]);
    expect((await getConfirm(t.emulator, `/?invoiceToken=${token}`)).status).toBe("nocompleted");
    expect(t.emulator.invoices()[0]?.status).toBe("notcompleted");
  });

  it("formCustomData brackets: the form copy uses PHP bracket keys", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    t.emulator.setQuirks({ formCustomData: "brackets" });
    await t.emulator.settle(id, "completed");
    const fields = formOf(t.sink.received[0]!.body);
    expect(fields).toMatchObject({
      "custom_data[0][keyof_customdata]": "transaction_id",
      "custom_data[0][valueof_customdata]": "order_7f3a9b",
      "custom_data[1][keyof_customdata]": "hash",
      "custom_data[2][keyof_customdata]": "logfile",
      "customer_details[phone]": "22676275726",
    });
    expect(fields).not.toHaveProperty("custom_data");
    // The JSON copy is unaffected.
    expect(Array.isArray(parseJson(t.sink.received[1]!.body).custom_data)).toBe(true);
  });
});
