import { describe, expect, it } from "vitest";
import { encodeForm } from "./form.js";

const payload = {
  status: "completed",
  amount: 4200,
  token: "",
  custom_data: [{ keyof_customdata: "transaction_id", valueof_customdata: "A&B=C" }],
  customer_details: { phone: "22676275726" },
};

describe("encodeForm", () => {
  it("sends nested values as JSON strings by default, as LigdiCash does", () => {
    const fields = new URLSearchParams(encodeForm(payload, "json"));
    expect(fields.get("amount")).toBe("4200");
    expect(fields.get("token")).toBe("");
    expect(JSON.parse(fields.get("custom_data")!)).toEqual(payload.custom_data);
    expect(JSON.parse(fields.get("customer_details")!)).toEqual(payload.customer_details);
  });

  it("flattens nested values into PHP bracket keys on request", () => {
    const body = encodeForm(payload, "brackets");
    expect(body).toContain("custom_data%5B0%5D%5Bkeyof_customdata%5D=transaction_id");
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
      status: "completed",
      amount: "4200",
      token: "",
      "custom_data[0][keyof_customdata]": "transaction_id",
      "custom_data[0][valueof_customdata]": "A&B=C",
      "customer_details[phone]": "22676275726",
    });
  });
});
