import { describe, expect, it } from "vitest";
import { parseForm } from "../core/body.js";
import { callbackStatusHint, callbackTransactionId } from "./callback-payload.js";

const ID = "pay_abcdefghijklmnopqrstuvwx";
const entries = [
  {
    keyof_customdata: "transaction_id",
    valueof_customdata: ID,
    datecreation_customdata: "2026-05-09 07:20:23.362788",
  },
  {
    keyof_customdata: "hash",
    valueof_customdata: "f918c54d",
    datecreation_customdata: "2026-05-09",
  },
  { keyof_customdata: "logfile", valueof_customdata: "2026050907202369fee03756652" },
];

describe("callbackTransactionId", () => {
  it("reads the documented JSON payload (array of entries)", () => {
    expect(callbackTransactionId({ status: "completed", amount: 4200, custom_data: entries })).toBe(
      ID,
    );
  });

  it("reads the form copy, where custom_data is a JSON string", () => {
    const form = parseForm(
      new URLSearchParams({ status: "completed", custom_data: JSON.stringify(entries) }).toString(),
    );
    expect(callbackTransactionId(form)).toBe(ID);
  });

  it("reads bracket-flattened form keys", () => {
    const body = new URLSearchParams();
    body.set("custom_data[0][keyof_customdata]", "logfile");
    body.set("custom_data[0][valueof_customdata]", "x");
    body.set("custom_data[1][keyof_customdata]", "transaction_id");
    body.set("custom_data[1][valueof_customdata]", ID);
    expect(callbackTransactionId(parseForm(body.toString()))).toBe(ID);
    expect(callbackTransactionId(parseForm(`custom_data[transaction_id]=${ID}`))).toBe(ID);
  });

  it("reads what an extended body parser makes of bracket keys (arrays or numeric-key objects)", () => {
    expect(
      callbackTransactionId({
        custom_data: [{ keyof_customdata: "transaction_id", valueof_customdata: ID }],
      }),
    ).toBe(ID);
    expect(
      callbackTransactionId({
        custom_data: { "0": { keyof_customdata: "transaction_id", valueof_customdata: ID } },
      }),
    ).toBe(ID);
  });

  it("reads the object shape and the old customdata name", () => {
    expect(callbackTransactionId({ custom_data: { transaction_id: ID } })).toBe(ID);
    expect(callbackTransactionId({ customdata: entries })).toBe(ID);
    expect(callbackTransactionId({ customdata: JSON.stringify({ transaction_id: ID }) })).toBe(ID);
  });

  it("finds nothing in empty, absent or foreign custom_data", () => {
    expect(callbackTransactionId({ custom_data: [] })).toBeNull();
    expect(callbackTransactionId({ custom_data: "" })).toBeNull();
    expect(callbackTransactionId({ custom_data: "not json [" })).toBeNull();
    expect(
      callbackTransactionId({
        custom_data: [{ keyof_customdata: "hash", valueof_customdata: "x" }],
      }),
    ).toBeNull();
    expect(callbackTransactionId({ status: "completed" })).toBeNull();
    expect(callbackTransactionId(null)).toBeNull();
    expect(callbackTransactionId("custom_data")).toBeNull();
    expect(callbackTransactionId([entries])).toBeNull();
  });

  it("does not parse JSON strings nested inside JSON strings", () => {
    const twice = JSON.stringify(JSON.stringify(entries));
    expect(callbackTransactionId({ custom_data: twice })).toBeNull();
  });

  it("keeps the status only as a short hint", () => {
    expect(callbackStatusHint({ status: "completed" })).toBe("completed");
    expect(callbackStatusHint({ status: "x".repeat(100) })).toHaveLength(32);
    expect(callbackStatusHint({})).toBeNull();
  });
});
