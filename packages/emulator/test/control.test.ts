import { describe, expect, it } from "vitest";
import type { EmulatorInvoice } from "../src/index.js";
import { createInvoice, getConfirm, useEmulatorWithSink } from "./helpers.js";

const t = useEmulatorWithSink({ callbackRetry: { attempts: 1 } });

async function control(
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  contentType = "application/json",
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${t.emulator.url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": contentType },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe("control API under /__emulator/", () => {
  it("lists invoices and callbacks like the functions do", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    await t.emulator.settle(id, "completed");
    expect((await control("GET", "invoices")).json).toEqual(t.emulator.invoices());
    const callbacks = await control("GET", "callbacks");
    expect(callbacks.json).toEqual(t.emulator.callbacks());
    expect(callbacks.json).toHaveLength(2);
  });

  it("settles by id or token, waiting for the callbacks, with an optional operator", async () => {
    const first = await createInvoice(t.emulator, t.sink.url);
    const byId = await control("POST", `invoices/${first.id}/settle`, { status: "completed" });
    expect(byId.status).toBe(200);
    expect((byId.json as { invoice: EmulatorInvoice }).invoice.status).toBe("completed");
    expect(t.sink.received).toHaveLength(2);

    const second = await createInvoice(t.emulator, t.sink.url);
    await control("POST", `invoices/${second.token}/settle`, {
      status: "notcompleted",
      operatorId: "15",
    });
    const answer = await getConfirm(t.emulator, `/?invoiceToken=${second.token}`);
    expect(answer).toMatchObject({ status: "notcompleted", operator_name: "MTN CI" });
  });

  it("sets faults and quirks", async () => {
    const { id, token } = await createInvoice(t.emulator, t.sink.url);
    expect(await control("POST", "faults", { callbacks: { reorder: true } })).toEqual({
      status: 200,
      json: { ok: true },
    });
    await control("POST", "quirks", { amountsAsStrings: true });
    await t.emulator.settle(id, "completed");
    expect(t.sink.received[0]?.contentType).toBe("application/json");
    expect((await getConfirm(t.emulator, `/?invoiceToken=${token}`)).amount).toBe("15000");
  });

  it("patches LigdiCash's record of an invoice", async () => {
    const { id, token } = await createInvoice(t.emulator, t.sink.url);
    const res = await control("POST", `invoices/${id}/patch`, {
      amount: 10,
      customData: { transaction_id: "x" },
    });
    expect((res.json as { invoice: EmulatorInvoice }).invoice).toMatchObject({
      amount: 10,
      customData: { transaction_id: "x" },
    });
    expect((await getConfirm(t.emulator, `/?invoiceToken=${token}`)).amount).toBe(10);
  });

  it("resets everything", async () => {
    await createInvoice(t.emulator, t.sink.url);
    await control("POST", "faults", { confirm: { mode: "500", count: 5 } });
    expect(await control("POST", "reset", {})).toEqual({ status: 200, json: { ok: true } });
    expect(t.emulator.invoices()).toEqual([]);
    const { token } = await createInvoice(t.emulator, t.sink.url);
    expect((await getConfirm(t.emulator, `/?invoiceToken=${token}`)).status).toBe("pending");
  });

  it("answers errors as JSON: unknown invoice 404, bad input 400, wrong type 415", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    expect(await control("POST", "invoices/404404/settle", { status: "completed" })).toEqual({
      status: 404,
      json: { error: 'Unknown invoice "404404"' },
    });
    expect((await control("POST", `invoices/${id}/settle`, { status: "paid" })).status).toBe(400);
    expect((await control("POST", "faults", { confirm: { mode: "500" } })).status).toBe(400);
    expect((await control("POST", "quirks", { failureStatus: "failed" })).status).toBe(400);
    expect((await control("POST", `invoices/${id}/patch`, { amount: "ten" })).status).toBe(400);
    expect((await control("POST", "reset", {}, "text/plain")).status).toBe(415);
    expect((await control("GET", "nothing-here")).status).toBe(404);
    expect(t.emulator.invoices()[0]?.status).toBe("pending");
  });
});
