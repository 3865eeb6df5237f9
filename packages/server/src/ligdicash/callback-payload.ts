import { findTransactionId, findTransactionIdInFlatKeys, isRecord } from "./custom-data.js";

/**
 * The transaction id a LigdiCash callback names, or null. The body is a JSON value or a flat form
 * record; a callback is only a doorbell, so nothing else of it is trusted or read.
 */
export function callbackTransactionId(body: unknown): string | null {
  if (!isRecord(body)) return null;
  for (const field of ["custom_data", "customdata"]) {
    if (Object.hasOwn(body, field)) {
      const id = findTransactionId(body[field]);
      if (id !== null) return id;
    }
  }
  return findTransactionIdInFlatKeys(body);
}

/** LigdiCash's own status word in a callback, for logs only: it proves nothing. */
export function callbackStatusHint(body: unknown): string | null {
  return isRecord(body) && typeof body.status === "string" ? body.status.slice(0, 32) : null;
}
