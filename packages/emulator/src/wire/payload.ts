import { CONFIRM_WIKI } from "../api/responses.js";
import type { InvoiceRecord } from "../invoice.js";
import type { InvoiceStatus, Quirks } from "../types.js";
import { formatMicroDateTime, formatZonedDateTime } from "./dates.js";

/** One entry of LigdiCash's `custom_data` array. */
export interface CustomDataEntry {
  keyof_customdata: string;
  valueof_customdata: string;
  datecreation_customdata: string;
}

/** The documented confirm answer for an invoice, in the documented field order. */
export function confirmBody(record: InvoiceRecord, quirks: Quirks): Record<string, unknown> {
  const view = viewOf(record, record.status, quirks);
  return {
    response_code: "00",
    token: "",
    response_text: "",
    description: "",
    status: view.status,
    operator_id: view.operatorId,
    operator_name: view.operatorName,
    customer: view.phone,
    montant: view.amount,
    amount: view.amount,
    date: view.date,
    external_id: view.externalId,
    oreference: "",
    request_id: record.requestId,
    custom_data: customDataEntries(record, ["logfile"]),
    customer_details: {
      firstname: record.customer.firstname,
      lastname: record.customer.lastname,
      email: record.customer.email,
      phone: view.phone,
      details: "",
    },
    wiki: CONFIRM_WIKI,
  };
}

/**
 * The documented payin callback payload, in the documented field order. `status` may differ from
 * the record's, for a `pending` notice sent before the final one.
 */
export function callbackBody(
  record: InvoiceRecord,
  status: InvoiceStatus,
  quirks: Quirks,
): Record<string, unknown> {
  const view = viewOf(record, status, quirks);
  return {
    date: view.date,
    wiki: CONFIRM_WIKI,
    // Payin callbacks carry no token: the shop must confirm with the one it stored.
    token: "",
    amount: view.amount,
    status: view.status,
    montant: view.amount,
    customer: view.phone,
    oreference: "",
    request_id: record.requestId,
    custom_data: customDataEntries(record, ["hash", "logfile"]),
    description: "",
    external_id: view.externalId,
    operator_id: view.operatorId,
    operator_name: view.operatorName,
    response_code: "00",
    response_text: "",
    customer_details: {
      email: record.customer.email,
      phone: view.phone,
      details: "",
      lastname: record.customer.lastname,
      firstname: record.customer.firstname,
    },
  };
}

/** The shop's custom data as LigdiCash echoes it, with LigdiCash's own entries appended. */
export function customDataEntries(
  record: InvoiceRecord,
  own: ("hash" | "logfile")[],
): CustomDataEntry[] {
  const date = formatMicroDateTime(record.createdDate);
  const entry = (key: string, value: string): CustomDataEntry => ({
    keyof_customdata: key,
    valueof_customdata: value,
    datecreation_customdata: date,
  });
  return [
    ...Object.entries(record.customData).map(([key, value]) => entry(key, value)),
    ...own.map((key) => entry(key, record[key])),
  ];
}

/** The wire spelling of a status: the failure can be `nocompleted`, as older sources have it. */
export function wireStatus(status: InvoiceStatus, quirks: Quirks): string {
  return status === "notcompleted" ? (quirks.failureStatus ?? "notcompleted") : status;
}

function viewOf(record: InvoiceRecord, status: InvoiceStatus, quirks: Quirks) {
  // While pending nobody has paid yet, so operator and payer stay empty.
  const payer = status === "pending" ? null : record.payer;
  return {
    status: wireStatus(status, quirks),
    amount: quirks.amountsAsStrings ? String(record.amount) : record.amount,
    date: formatZonedDateTime(record.updatedDate),
    // LigdiCash reports the shop's transaction id here when the shop left external_id empty.
    externalId: record.externalId || (record.customData.transaction_id ?? ""),
    operatorId: payer?.operator.id ?? "",
    operatorName: payer?.operator.name ?? "",
    phone: payer?.phone ?? "",
  };
}
