import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../core/errors.js";
import { payoutConfirmRefusal, payoutRefusal } from "./payout-refusal.js";

describe("payoutRefusal", () => {
  it.each([
    ["wallet", "00", "refused", "LIGDICASH_AUTH_FAILED"],
    ["wallet", "01", "refused", "LIGDICASH_PAYOUTS_DISABLED"],
    ["wallet", "02", "refused", "LIGDICASH_BENEFICIARY_NOT_REGISTERED"],
    ["wallet", "03", "refused", "LIGDICASH_NO_OPERATOR_ACCOUNT"],
    ["wallet", "04", "refused", "LIGDICASH_INSUFFICIENT_BALANCE"],
    ["wallet", "05", "refused", "LIGDICASH_INVALID_AMOUNT"],
    ["wallet", "06", "refused", "LIGDICASH_IP_NOT_ALLOWED"],
    ["wallet", "07", "exists", "LIGDICASH_PAYOUT_EXISTS"],
    ["wallet", "08", "unknown", "LIGDICASH_PROCESSING_ERROR"],
    ["wallet", "09", "refused", "LIGDICASH_REFUSED"],
    ["wallet", "10", "unknown", "LIGDICASH_PROCESSING_ERROR"],
    ["mobile_money", "00", "refused", "LIGDICASH_AUTH_FAILED"],
    ["mobile_money", "02", "refused", "LIGDICASH_INVALID_AMOUNT"],
    ["mobile_money", "03", "refused", "LIGDICASH_NO_OPERATOR_ACCOUNT"],
    ["mobile_money", "05", "refused", "LIGDICASH_OPERATOR_NOT_IDENTIFIED"],
    ["mobile_money", "06", "refused", "LIGDICASH_IP_NOT_ALLOWED"],
    ["mobile_money", "07", "exists", "LIGDICASH_PAYOUT_EXISTS"],
    ["mobile_money", "08", "refused", "LIGDICASH_INSUFFICIENT_BALANCE"],
    ["mobile_money", "09", "unknown", "LIGDICASH_PROCESSING_ERROR"],
    ["mobile_money", "10", "unknown", "LIGDICASH_PROCESSING_ERROR"],
    ["mobile_money", "14", "refused", "LIGDICASH_IP_NOT_ALLOWED"],
  ] as const)("%s Echec (Code%s) → %s %s", (method, code, outcome, errorCode) => {
    const result = payoutRefusal(method, `Echec (Code${code})`);
    expect(result.outcome).toBe(outcome);
    expect(result.error).toMatchObject({
      code: errorCode,
      providerCode: code,
      status: ERROR_CODES[errorCode],
      expose: true,
    });
    // The shop owner reads the message; LigdiCash's raw code stays on providerCode.
    expect(result.error.message).not.toMatch(/Echec|Code\d/);
    expect(result.error.message.length).toBeGreaterThan(40);
  });

  it("tells apart what the caller fixes (422), a repeat (409) and the merchant account (502)", () => {
    expect(payoutRefusal("wallet", "Echec (Code02)").error.status).toBe(422);
    expect(payoutRefusal("mobile_money", "Echec (Code05)").error.status).toBe(422);
    expect(payoutRefusal("wallet", "Echec (Code07)").error.status).toBe(409);
    expect(payoutRefusal("wallet", "Echec (Code04)").error.status).toBe(502);
  });

  it("names both readings of the mobile-money codes the sources disagree on", () => {
    expect(payoutRefusal("mobile_money", "Echec (Code06)").error.message).toMatch(
      /IP address.*sub-account/,
    );
    expect(payoutRefusal("mobile_money", "Echec (Code07)").error.message).toMatch(
      /already has a payout.*sub-account/,
    );
  });

  it("treats a code it does not know, or no code, as an unknown outcome", () => {
    for (const text of ["Echec (Code11)", "Echec", null]) {
      const result = payoutRefusal("wallet", text);
      expect(result.outcome).toBe("unknown");
      expect(result.error.code).toBe("LIGDICASH_REFUSED");
    }
    // Code14 is an IP refusal on straight/payout only.
    expect(payoutRefusal("wallet", "Echec (Code14)").outcome).toBe("unknown");
  });
});

describe("payoutConfirmRefusal", () => {
  it("maps Code00 to the credentials and anything else to a refusal", () => {
    expect(payoutConfirmRefusal("Echec (Code00)")).toMatchObject({
      code: "LIGDICASH_AUTH_FAILED",
      providerCode: "00",
    });
    expect(payoutConfirmRefusal("Echec (Code02)")).toMatchObject({
      code: "LIGDICASH_REFUSED",
      providerCode: "02",
    });
  });
});
