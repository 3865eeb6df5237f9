import type { InvoiceRecord } from "../invoice.js";
import type { CallbackFaults, DeliveredCallback, InvoiceStatus, Quirks } from "../types.js";
import { encodeForm } from "../wire/form.js";
import { callbackBody, wireStatus } from "../wire/payload.js";

/** One POST of an event, ready to send. */
export interface CallbackPost {
  contentType: DeliveredCallback["contentType"];
  status: string;
  body: string;
}

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

/**
 * The posts of one event, in sending order: a form copy then a JSON copy per status, shaped by the
 * callback faults (pending pair first, JSON first, each post twice). Empty when callbacks are dropped.
 */
export function planCallbacks(
  record: InvoiceRecord,
  faults: CallbackFaults,
  quirks: Quirks,
): CallbackPost[] {
  if (faults.drop || record.callbackUrl === "") return [];
  const statuses: InvoiceStatus[] =
    faults.pendingFirst && record.status !== "pending"
      ? ["pending", record.status]
      : [record.status];
  return statuses.flatMap((status) => {
    const payload = callbackBody(record, status, quirks);
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
