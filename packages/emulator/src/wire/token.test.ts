import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInvoiceToken, verifyInvoiceToken } from "./token.js";

const secret = randomBytes(32);
const issuedAt = new Date("2023-02-23T18:24:12Z");

describe("invoice tokens", () => {
  it("carry LigdiCash's payload: id, start date and a 24 h expiry in unix seconds", () => {
    const token = signInvoiceToken("15459012", issuedAt, secret);
    expect(verifyInvoiceToken(token, secret)).toEqual({
      id_invoice: "15459012",
      start_date: "2023-02-23 18:24:12",
      expiry_date: Date.parse("2023-02-24T18:24:12Z") / 1000,
    });
  });

  it("are standard HS256 JWTs starting like LigdiCash's (eyJ0eXAiOiJKV1Qi)", () => {
    const token = signInvoiceToken("1", issuedAt, secret);
    expect(token.startsWith("eyJ0eXAiOiJKV1Qi")).toBe(true);
    const [header, payload, signature] = token.split(".");
    const expected = createHmac("sha256", secret)
      .update(`${header}.${payload}`)
      .digest("base64url");
    expect(signature).toBe(expected);
  });

  it("are refused when tampered with or signed by another emulator", () => {
    const token = signInvoiceToken("1", issuedAt, secret);
    const [header, , signature] = token.split(".");
    const forged = `${header}.${Buffer.from('{"id_invoice":"2"}').toString("base64url")}.${signature}`;
    expect(verifyInvoiceToken(forged, secret)).toBeNull();
    expect(verifyInvoiceToken(token, randomBytes(32))).toBeNull();
    expect(verifyInvoiceToken("not.a.token.at.all", secret)).toBeNull();
  });
});
