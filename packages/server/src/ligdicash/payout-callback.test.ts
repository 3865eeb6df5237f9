import { describe, expect, it } from "vitest";
import { payoutCallbackReference } from "./payout-callback.js";

// The documentation's verbatim payout callback (ligdicash-api.md §6).
const VERBATIM = {
  response_code: "00",
  token: "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.c2ln",
  response_text: "",
  status: "completed",
  custom_data: [],
  operator_id: 12,
  operator_name: "MOOV AFRICA BURKINA",
  url: "https://shop.test/cb",
  url_method: "",
  transaction_id: "502d36d2",
  external_id: "502d36d2",
  montant: "100",
  amount: "100",
};

describe("payoutCallbackReference", () => {
  it("reads the top-level transaction id and the token, JSON or form", () => {
    const expected = { transactionId: "502d36d2", token: VERBATIM.token };
    expect(payoutCallbackReference(VERBATIM)).toEqual(expected);
    // The form-encoded copy: every value a string, nested ones as JSON.
    const form = Object.fromEntries(
      Object.entries(VERBATIM).map(([key, value]) => [
        key,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    );
    expect(payoutCallbackReference(form)).toEqual(expected);
  });

  it("is null for a payin callback, which names its id only inside custom_data", () => {
    expect(
      payoutCallbackReference({
        token: "",
        status: "completed",
        external_id: "pay_1",
        custom_data: [{ keyof_customdata: "transaction_id", valueof_customdata: "pay_1" }],
      }),
    ).toBeNull();
  });

  it("leaves out an empty or oversized token, and refuses what is not a record", () => {
    expect(payoutCallbackReference({ transaction_id: "po_1", token: "" })).toEqual({
      transactionId: "po_1",
      token: null,
    });
    expect(
      payoutCallbackReference({ transaction_id: "po_1", token: "x".repeat(5000) })?.token,
    ).toBeNull();
    expect(payoutCallbackReference({ transaction_id: 42 })).toBeNull();
    expect(payoutCallbackReference([VERBATIM])).toBeNull();
    expect(payoutCallbackReference(JSON.parse('{"__proto__":{"transaction_id":"x"}}'))).toBeNull();
  });
});
