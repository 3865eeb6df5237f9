import type { InvoiceRecord } from "../invoice.js";
import type { PayoutRecord } from "../payouts/record.js";
import type { CallbackFaults, DeliveredCallback, InvoiceStatus, Quirks } from "../types.js";
import { encodeForm } from "../wire/form.js";
import { callbackBody, wireStatus } from "../wire/payload.js";
import { payoutCallbackBody } from "../wire/payout-payload.js";

/** One POST of an event, ready to send. */
export interface CallbackPost {
  contentType: DeliveredCallback["contentType"];
  status: string;
  body: string;
}

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

type Payload = (status: InvoiceStatus) => Record<string, unknown>;

/**
 * The posts of one invoice event, in sending order: a form copy then a JSON copy per status, shaped
 * by the callback faults (pending pair first, JSON first, each post twice). Empty when callbacks
 * are dropped.
 */
export function planCallbacks(
  record: InvoiceRecord,
  faults: CallbackFaults,
  quirks: Quirks,
): CallbackPost[] {
  const payload: Payload = (status) => callbackBody(record, status, quirks);
  return planEvent(record, payload, faults, quirks);
}

/** The posts of one payout event, shaped by the payout callback faults like an invoice's. */
export function planPayoutCallbacks(
  record: PayoutRecord,
  faults: CallbackFaults,
  quirks: Quirks,
): CallbackPost[] {
  const payload: Payload = (status) => payoutCallbackBody(record, status, quirks);
  return planEvent(record, payload, faults, quirks);
}

function planEvent(
  record: { callbackUrl: string; status: InvoiceStatus },
  payloadOf: Payload,
  faults: CallbackFaults,
  quirks: Quirks,
): CallbackPost[] {
  if (faults.drop || record.callbackUrl === "") return [];
  const statuses: InvoiceStatus[] =
    faults.pendingFirst && record.status !== "pending"
      ? ["pending", record.status]
      : [record.status];
  return statuses.flatMap((status) => {
    const payload = payloadOf(status);
    const form: CallbackPost = {
      contentType: FORM,
      status: wireStatus(status, quirks),
      body: encodeForm(payload, quirks.formCustomData ?? "json"),
    };
    const json: CallbackPost = {
      contentType: JSON_TYPE,
      status: wireStatus(status, quirks),
      body: JSON.stringify(payload),
    };
    const pair = faults.reorder ? [json, form] : [form, json];
    return faults.duplicate ? pair.flatMap((post) => [post, post]) : pair;
  });
}
