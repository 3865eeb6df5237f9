import { describe, expect, it } from "vitest";
import { parsePayoutRequest } from "./payout-request.js";

const body = (commande: Record<string, unknown>) =>
  JSON.stringify({
    commande: {
      amount: 5000,
      description: "Refund",
      customer: "22670000000",
      callback_url: "https://shop.test/cb",
      custom_data: { transaction_id: "PAYOUT-1" },
      ...commande,
    },
  });

describe("parsePayoutRequest", () => {
  it("keeps what the emulator needs, top_up_wallet for wallet payouts only", () => {
    expect(parsePayoutRequest(body({ top_up_wallet: "1" }), "wallet")).toEqual({
      ok: true,
      order: {
        method: "wallet",
        amount: 5000,
        description: "Refund",
        customer: "22670000000",
        callbackUrl: "https://shop.test/cb",
        topUpWallet: 1,
        customData: { transaction_id: "PAYOUT-1" },
      },
    });
    const straight = parsePayoutRequest(
      body({ top_up_wallet: 1, customer: 22670000000 }),
      "mobile_money",
    );
    expect(straight).toMatchObject({
      ok: true,
      order: { topUpWallet: null, customer: "22670000000" },
    });
  });

  it.each([
    ["wallet", { amount: 20 }, true],
    ["wallet", { amount: 1_000_000 }, true],
    ["wallet", { amount: 1_000_001 }, "05"],
    ["wallet", { amount: 19.5 }, "05"],
    ["mobile_money", { amount: 19 }, "02"],
    ["mobile_money", { amount: "5000" }, "02"],
    ["wallet", { top_up_wallet: 2 }, "09"],
    ["wallet", { callback_url: "ftp://shop.test" }, "09"],
    ["mobile_money", { custom_data: ["x"] }, "09"],
    ["mobile_money", { customer: { phone: 1 } }, "09"],
  ] as const)("%s %j → %s", (method, commande, expected) => {
    const parsed = parsePayoutRequest(body(commande), method);
    if (expected === true) expect(parsed.ok).toBe(true);
    else expect(parsed).toMatchObject({ ok: false, failure: { code: expected } });
  });

  it("names a missing key the way PHP does, and refuses what is not JSON", () => {
    expect(parsePayoutRequest(JSON.stringify({ commande: {} }), "wallet")).toEqual({
      ok: false,
      failure: { code: "09", details: 'Undefined array key "amount"' },
    });
    expect(parsePayoutRequest("amount=5000", "mobile_money")).toEqual({
      ok: false,
      failure: { code: "09", details: "Request body is not JSON" },
    });
  });
});
