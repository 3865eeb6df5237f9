import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInvoiceToken, signPayoutToken } from "./token.js";

const secret = randomBytes(32);
const issuedAt = new Date("2023-02-23T18:24:12Z");
const decode = (part: string | undefined): unknown =>
  JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));

describe("signInvoiceToken", () => {
  it("carries LigdiCash's payload: id, start date and a 24 h expiry in unix seconds", () => {
    const [, payload] = signInvoiceToken("15459012", issuedAt, secret).split(".");
    expect(decode(payload)).toEqual({
      id_invoice: "15459012",
      start_date: "2023-02-23 18:24:12",
      expiry_date: Date.parse("2023-02-24T18:24:12Z") / 1000,
    });
  });

  it("is a standard HS256 JWT starting like LigdiCash's (eyJ0eXAiOiJKV1Qi)", () => {
    const token = signInvoiceToken("1", issuedAt, secret);
    expect(token.startsWith("eyJ0eXAiOiJKV1Qi")).toBe(true);
    const [header, payload, signature] = token.split(".");
    expect(decode(header)).toEqual({ typ: "JWT", alg: "HS256" });
    const expected = createHmac("sha256", secret)
      .update(`${header}.${payload}`)
      .digest("base64url");
    expect(signature).toBe(expected);
  });

  it("differs between emulators, so one cannot confirm another's invoices", () => {
    expect(signInvoiceToken("1", issuedAt, secret)).not.toBe(
      signInvoiceToken("1", issuedAt, randomBytes(32)),
    );
  });
});

describe("signPayoutToken", () => {
  it("carries id_finance where an invoice token has id_invoice", () => {
    const [, payload] = signPayoutToken("4100001", issuedAt, secret).split(".");
    expect(decode(payload)).toEqual({
      id_finance: "4100001",
      start_date: "2023-02-23 18:24:12",
      expiry_date: Date.parse("2023-02-24T18:24:12Z") / 1000,
    });
  });
});
