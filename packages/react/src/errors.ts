import type { Messages } from "./messages";

/** Codes the server sends in `{"error":{"code"}}`. */
export type ServerErrorCode =
  | "ORDER_NOT_FOUND"
  | "ALREADY_PAID"
  | "INVALID_REQUEST"
  | "CROSS_SITE_REQUEST"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "LIGDICASH_REFUSED"
  | "LIGDICASH_AUTH_FAILED"
  | "LIGDICASH_INVALID_AMOUNT"
  | "LIGDICASH_UNAVAILABLE"
  | "INTERNAL_ERROR";

/**
 * Every code a {@link LigdicashError} can carry: the server's, plus the browser's own
 * (`NETWORK_ERROR`: no answer; `BAD_RESPONSE`: an answer that is not the expected JSON;
 * `POPUP_BLOCKED`: no way to open the payment page; `MISSING_ORDER`: no order id to check).
 */
export type ErrorCode =
  ServerErrorCode | "NETWORK_ERROR" | "BAD_RESPONSE" | "POPUP_BLOCKED" | "MISSING_ORDER";

/** A failed payment request or status check. Show `messageFor(error, messages)`, never `code`. */
export class LigdicashError extends Error {
  /** Machine-readable cause; unknown server codes are kept as sent. */
  declare readonly code: ErrorCode | (string & {});
  /** HTTP status, when the server answered. */
  declare readonly status?: number;
  /** How long the server asked to wait before asking again (`Retry-After`), in ms; 0 if not. */
  declare readonly retryAfter: number;

  constructor(code: ErrorCode | (string & {}), status?: number, retryAfter = 0) {
    super(code);
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/**
 * The localized text for an error: never a raw code.
 * @example messageFor(new LigdicashError("ORDER_NOT_FOUND", 404), fr) // "Commande introuvable."
 */
export const messageFor = (error: unknown, messages: Messages): string =>
  // Upper case only: a code like "constructor" must not reach Object.prototype.
  (error instanceof LigdicashError &&
    /^[A-Z_]+$/.test(error.code) &&
    messages[error.code as keyof Messages]) ||
  messages.UNKNOWN;
