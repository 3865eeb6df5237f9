import { describe, expect, it } from "vitest";
import { payoutBody, type PayoutRequest } from "./payout-request.js";

const request: PayoutRequest = {
  transactionId: "po_1",
  method: "wallet",
  amount: 5000,
  customer: "22670000000",
  description: "Refund for order ORD-1",
  callbackUrl: "https://shop.test/api/ligdicash/callback",
};

describe("payoutBody", () => {
  it("writes the documented wallet body, keeping the money in the wallet by default", () => {
    expect(payoutBody(request)).toEqual({
      commande: {
        amount: 5000,
        description: "Refund for order ORD-1",
        customer: "22670000000",
        callback_url: "https://shop.test/api/ligdicash/callback",
        top_up_wallet: 1,
        custom_data: { transaction_id: "po_1" },
      },
    });
    expect(payoutBody({ ...request, topUpWallet: 0 }).commande.top_up_wallet).toBe(0);
  });

  it("leaves top_up_wallet out of a mobile-money body", () => {
    const body = payoutBody({ ...request, method: "mobile_money", topUpWallet: 1 });
    expect(body.commande).not.toHaveProperty("top_up_wallet");
  });

  it("adds custom data entries without letting them replace the transaction id", () => {
    const body = payoutBody({
      ...request,
      customData: { order_id: "order_7", transaction_id: "forged" },
    });
    expect(body.commande.custom_data).toEqual({ transaction_id: "po_1", order_id: "order_7" });
  });
});
