import type { PayoutMethod } from "../model/payout.js";

export type { PayoutMethod } from "../model/payout.js";

/** A payout to ask LigdiCash for, in our words. */
export interface PayoutRequest {
  /** The shop's payout id, sent as `custom_data.transaction_id`: LigdiCash refuses a repeat (Code07). */
  transactionId: string;
  method: PayoutMethod;
  /** Whole XOF. */
  amount: number;
  /** Country code + number, digits only (`22670000000`): see `normalisePhone`. */
  customer: string;
  description: string;
  callbackUrl: string;
  /** Extra `custom_data` entries (e.g. `order_id`); `transaction_id` cannot be overridden. */
  customData?: Readonly<Record<string, string>> | undefined;
  /**
   * Wallet payouts: 1 keeps the money in the LigdiCash wallet (default), 0 has LigdiCash pass it
   * on to the beneficiary's mobile money (current documentation; older docs said the reverse).
   */
  topUpWallet?: 0 | 1 | undefined;
}

/** The create and confirm endpoints of each method. */
export const PAYOUT_ENDPOINTS = {
  wallet: {
    create: "/pay/v01/withdrawal/create",
    confirm: "/pay/v01/withdrawal/confirm/",
    tokenParam: "withdrawalToken",
  },
  // The official SDKs confirm mobile-money payouts here; the docs also show withdrawal/confirm.
  mobile_money: {
    create: "/pay/v01/straight/payout",
    confirm: "/pay/v01/straight/payout/confirm/",
    tokenParam: "payoutToken",
  },
} as const satisfies Record<PayoutMethod, { create: string; confirm: string; tokenParam: string }>;

/** The create body, root `commande`, as LigdiCash documents it for each endpoint. */
export function payoutBody(request: PayoutRequest): { commande: Record<string, unknown> } {
  const { transaction_id: _ignored, ...extra } = request.customData ?? {};
  return {
    commande: {
      amount: request.amount,
      description: request.description,
      customer: request.customer,
      callback_url: request.callbackUrl,
      ...(request.method === "wallet" ? { top_up_wallet: request.topUpWallet ?? 1 } : {}),
      custom_data: { transaction_id: request.transactionId, ...extra },
    },
  };
}
