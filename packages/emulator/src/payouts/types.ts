import type { InvoiceStatus, TransportFault } from "../types.js";

/**
 * How a payout travels: `wallet` is `POST /pay/v01/withdrawal/create` (the beneficiary's LigdiCash
 * wallet, instant), `mobile_money` is `POST /pay/v01/straight/payout` (seconds to days).
 */
export type PayoutMethod = "wallet" | "mobile_money";

/** A payout as the emulator stores it. */
export interface EmulatorPayout {
  /** LigdiCash's `id_finance`, also inside the token. */
  id: string;
  token: string;
  method: PayoutMethod;
  status: InvoiceStatus;
  amount: number;
  /** The beneficiary as sent: country code + number, digits only. */
  customer: string;
  /** The operator found from the beneficiary's number; its sub-account paid. */
  operatorId: string;
  operatorName: string;
  description: string;
  /** `custom_data.transaction_id` as sent (`""` when absent): the repeat guard's key. */
  transactionId: string;
  /** What the shop sent in `commande.custom_data`, values as strings. */
  customData: Record<string, string>;
  callbackUrl: string;
  /** `top_up_wallet` of a wallet payout (`null` when absent or for mobile money). */
  topUpWallet: number | null;
  /** ISO 8601 creation time. */
  createdAt: string;
}

/** One payout callback delivery attempt. */
export interface DeliveredPayoutCallback {
  payoutId: string;
  url: string;
  contentType: "application/x-www-form-urlencoded" | "application/json";
  /** The payload's `status` field, as sent. */
  status: string;
  /** The exact raw body sent. */
  body: string;
  /** HTTP status of the answer; `null` when the connection failed or timed out. */
  responseStatus: number | null;
  /** 1 for the first try. */
  attempt: number;
}

/** The merchant's sub-account on one operator: payins via that operator feed it, payouts draw on it. */
export interface OperatorBalance {
  operatorId: string;
  operatorName: string;
  /** XOF; `null` when the merchant has no sub-account on this operator (LigdiCash opens one on the first payin or funding). */
  balance: number | null;
}

/**
 * Ways a payout create can fail. Beyond the transport faults: `refuse` answers
 * `Echec (Code<code>)`; `timeoutAfterCreate` creates the payout (it goes on to complete and send its
 * callbacks) and then never answers; `resetAfterCreate` creates it and cuts the connection.
 */
export type PayoutCreateFaultMode =
  TransportFault | "refuse" | "timeoutAfterCreate" | "resetAfterCreate";

/** A counted payout create fault, optionally for one method only. */
export interface PayoutCreateFault {
  mode: PayoutCreateFaultMode;
  count: number;
  /** Sub-code of a `refuse`; default `"10"` (API error, on both endpoints). */
  code?: string;
  /** Only creates of this method consume the fault; default both. */
  method?: PayoutMethod;
}
