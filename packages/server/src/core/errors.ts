/** Every error the kit raises or answers with. A closed set: each code has one HTTP status. */
export const ERROR_CODES = {
  INVALID_OPTIONS: 500,
  INVALID_ORDER: 500,
  INVALID_REQUEST: 400,
  MISSING_TRANSACTION_ID: 400,
  /** A protected route (the cron's reconcile) without the right secret. */
  UNAUTHORIZED: 401,
  CROSS_SITE_REQUEST: 403,
  ORDER_NOT_FOUND: 404,
  UNKNOWN_TRANSACTION: 404,
  /** A path under basePath that is no route (the Web handlers own their whole path). */
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  ALREADY_PAID: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_PHONE_NUMBER: 400,
  LIGDICASH_AUTH_FAILED: 502,
  LIGDICASH_INVALID_AMOUNT: 502,
  LIGDICASH_REFUSED: 502,
  LIGDICASH_BAD_RESPONSE: 502,
  LIGDICASH_UNAVAILABLE: 503,
  LIGDICASH_RATE_LIMITED: 503,
  SHUTTING_DOWN: 503,
  STORE_UNAVAILABLE: 503,
  // Payout refusals. A beneficiary LigdiCash cannot reach is the caller's to fix (422); the
  // merchant account's set-up is the shop owner's (502); a repeated payout id is a conflict (409).
  LIGDICASH_PAYOUTS_DISABLED: 502,
  LIGDICASH_BENEFICIARY_NOT_REGISTERED: 422,
  LIGDICASH_OPERATOR_NOT_IDENTIFIED: 422,
  LIGDICASH_NO_OPERATOR_ACCOUNT: 502,
  LIGDICASH_INSUFFICIENT_BALANCE: 502,
  LIGDICASH_IP_NOT_ALLOWED: 502,
  LIGDICASH_PAYOUT_EXISTS: 409,
  LIGDICASH_PROCESSING_ERROR: 502,
  // Payouts and refunds, on the shop's side.
  LIGDICASH_PAYOUT_DECLINED: 502,
  PAYOUT_FAILED_BY_OPERATOR: 409,
  PAYOUT_NOT_FOUND: 404,
  PAYOUT_CONFLICT: 409,
  PAYOUT_ALREADY_SETTLED: 409,
  PAYOUT_IN_PROGRESS: 409,
  ORDER_NOT_PAID: 409,
  REFUND_EXCEEDS_PAID: 409,
  PAYER_UNKNOWN: 422,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The one error class of the kit. `status` is the HTTP status the routes answer with;
 * `expose` says whether `message` may be shown to a client (never true for 5xx internals).
 *
 * @example
 * throw new LigdicashError("ORDER_NOT_FOUND", "No order with this id.");
 */
export class LigdicashError extends Error {
  override readonly name = "LigdicashError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  /** LigdiCash's own sub-code (`Echec (Code02)` → "02"), when the error comes from LigdiCash. */
  readonly providerCode: string | undefined;
  /** How long to wait before asking again (LigdiCash's `Retry-After` on a 429). */
  readonly retryAfterMs: number | undefined;
  /** What the developer should fix: logged, and in error bodies outside production. No secret. */
  readonly hint: string | undefined;
  /** Facts for the log only (`ECONNREFUSED 127.0.0.1:9`): never in a response. */
  readonly detail: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      cause?: unknown;
      providerCode?: string | undefined;
      expose?: boolean;
      retryAfterMs?: number;
      hint?: string | undefined;
      detail?: string | undefined;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = ERROR_CODES[code];
    this.expose = options.expose ?? (this.status < 500 || code.startsWith("LIGDICASH_"));
    this.providerCode = options.providerCode;
    this.retryAfterMs = options.retryAfterMs;
    this.hint = options.hint ?? HINTS[code];
    this.detail = options.detail;
  }
}

/** The fix for errors whose cause is always the same kind of mistake (others carry their own). */
const HINTS: Partial<Record<ErrorCode, string>> = {
  LIGDICASH_UNAVAILABLE:
    "Check LIGDICASH_API_URL (the apiUrl option): unset for LigdiCash itself, or the URL of a running emulator (npx ligdicash-emulator). If it is right, LigdiCash is down or slow: the shopper can try again.",
  LIGDICASH_BAD_RESPONSE:
    "Check LIGDICASH_API_URL (the apiUrl option): it must be LigdiCash's API (unset it) or the emulator's URL, not another server.",
  LIGDICASH_AUTH_FAILED:
    "Check LIGDICASH_API_KEY and LIGDICASH_AUTH_TOKEN: the API key and auth token of your LigdiCash API project (the emulator prints the ones it accepts when it starts).",
  LIGDICASH_INVALID_AMOUNT: "getOrder must return an amount from 9 to 2,000,000 XOF.",
};

/** Public messages for errors whose own message must stay in the logs. */
const GENERIC_MESSAGES: Partial<Record<ErrorCode, string>> = {
  INTERNAL_ERROR: "Something went wrong on the shop's side.",
  INVALID_ORDER: "Something went wrong on the shop's side.",
  INVALID_OPTIONS: "Something went wrong on the shop's side.",
  STORE_UNAVAILABLE: "Payments are briefly unavailable. Try again in a moment.",
};

/** The JSON error body of every route. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; hint?: string };
}

/**
 * The JSON error body every route answers with: `{"error":{"code","message"}}`, plus the
 * developer's `hint` outside production (`NODE_ENV` other than "production").
 */
export function errorBody(
  error: LigdicashError,
  withHint = process.env.NODE_ENV !== "production",
): ErrorBody {
  const code = error.code;
  const message = error.expose
    ? error.message
    : (GENERIC_MESSAGES[code] ?? GENERIC_MESSAGES.INTERNAL_ERROR!);
  const hint = withHint ? error.hint : undefined;
  return { error: hint === undefined ? { code, message } : { code, message, hint } };
}

/** Wraps anything thrown into a LigdicashError (unknown errors become INTERNAL_ERROR, not exposed). */
export function toLigdicashError(error: unknown): LigdicashError {
  if (error instanceof LigdicashError) return error;
  return new LigdicashError("INTERNAL_ERROR", "Unexpected error", { cause: error, expose: false });
}
