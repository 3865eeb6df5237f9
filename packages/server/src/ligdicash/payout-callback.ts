import { isRecord } from "./custom-data.js";

/** What a payout callback names: the shop's payout id and, unverified, the payout token. */
export interface PayoutCallbackReference {
  transactionId: string;
  /**
   * The payout token the callback carries. Anyone can post a callback: confirm with this token
   * only to learn the outcome of a payout whose token was never received (a create that timed out),
   * and accept the answer only if its transaction id is this payout's.
   */
  token: string | null;
}

const MAX_ID = 200;
const MAX_TOKEN = 4096;

/**
 * Reads a payout callback (a JSON value or a flat form record): payout callbacks name the shop's
 * id at the top level, as `transaction_id` (and `external_id`), and carry the payout token, where
 * payin callbacks name it inside `custom_data` and carry no token. `null` when the body is not a
 * payout callback.
 *
 * @example
 * payoutCallbackReference({ transaction_id: "po_1", external_id: "po_1", token: "eyJ…" });
 * // { transactionId: "po_1", token: "eyJ…" }
 */
export function payoutCallbackReference(body: unknown): PayoutCallbackReference | null {
  if (!isRecord(body)) return null;
  const transactionId = Object.hasOwn(body, "transaction_id")
    ? text(body.transaction_id, MAX_ID)
    : null;
  if (transactionId === null) return null;
  return {
    transactionId,
    token: Object.hasOwn(body, "token") ? text(body.token, MAX_TOKEN) : null,
  };
}

/**
 * The top-level `transaction_id` of a body, whatever its length: a payout callback's way of naming
 * the payout. `null` when there is none, or it is not text.
 */
export function topLevelTransactionId(body: unknown): string | null {
  return isRecord(body) && Object.hasOwn(body, "transaction_id")
    ? text(body.transaction_id, Infinity)
    : null;
}

function text(value: unknown, max: number): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" || trimmed.length > max ? null : trimmed;
}
