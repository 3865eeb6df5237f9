import type { PayoutRecord } from "../payouts/record.js";
import type { InvoiceStatus, Quirks } from "../types.js";
import { formatZonedDateTime } from "./dates.js";
import { wireStatus } from "./payload.js";

export const WITHDRAWAL_WIKI = "https://client.ligdicash.com/wiki/withdrawal";
export const STRAIGHT_PAYOUT_WIKI = "https://client.ligdicash.com/wiki/straightPayout";

export function payoutWiki(record: Pick<PayoutRecord, "method">): string {
  return record.method === "wallet" ? WITHDRAWAL_WIKI : STRAIGHT_PAYOUT_WIKI;
}

/** A wallet payout reports the operator behind LigdiCash's own wallet: `LigdiCash MOOV AFRICA BURKINA`. */
export function payoutOperatorName(record: PayoutRecord): string {
  return record.method === "wallet" ? `LigdiCash ${record.operator.name}` : record.operator.name;
}

/**
 * The payout callback payload, in the order of the documentation's verbatim example: the payout
 * token, string amounts, a numeric `operator_id`, the shop's transaction id at the top level (as
 * `transaction_id` and `external_id`) and an empty `custom_data`.
 */
export function payoutCallbackBody(
  record: PayoutRecord,
  status: InvoiceStatus,
  quirks: Quirks,
): Record<string, unknown> {
  return {
    response_code: "00",
    token: record.token,
    response_text: "",
    status: wireStatus(status, quirks),
    custom_data: [],
    operator_id: Number(record.operator.id),
    operator_name: payoutOperatorName(record),
    url: record.callbackUrl,
    url_method: "",
    transaction_id: record.transactionId,
    external_id: record.transactionId,
    montant: String(record.amount),
    amount: String(record.amount),
  };
}

/** The payout confirm answer: LigdiCash's record of the payout, found by its token. */
export function payoutConfirmBody(record: PayoutRecord, quirks: Quirks): Record<string, unknown> {
  const amount = quirks.amountsAsStrings ? String(record.amount) : record.amount;
  return {
    response_code: "00",
    token: record.token,
    response_text: "",
    description: "",
    status: wireStatus(record.status, quirks),
    operator_id: record.operator.id,
    operator_name: payoutOperatorName(record),
    customer: record.customer,
    montant: amount,
    amount,
    date: formatZonedDateTime(record.updatedDate),
    transaction_id: record.transactionId,
    external_id: record.transactionId,
    custom_data: [],
    wiki: payoutWiki(record),
  };
}
