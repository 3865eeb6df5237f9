// Connection failures that happen before a single byte of the request leaves: no such host, nobody
// listening, no route, a TLS certificate refused, a connect timeout. Everything else (a reset,
// a timeout, a cut answer) may come after LigdiCash acted on the request.
const BEFORE_SENDING = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "ECONNREFUSED",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
]);

/**
 * Whether a failed call surely never reached LigdiCash: somewhere in its chain of causes is a
 * connection error that comes before sending. Errors of several connection attempts (an
 * `AggregateError`, one per address) count only when all of them do.
 */
export function neverSent(error: unknown): boolean {
  let cause = error;
  for (let depth = 0; typeof cause === "object" && cause !== null && depth < 8; depth++) {
    if (cause instanceof AggregateError && cause.errors.length > 0) {
      return cause.errors.every((inner) => neverSent(inner));
    }
    const code: unknown = Reflect.get(cause, "code");
    if (typeof code === "string" && BEFORE_SENDING.has(code)) return true;
    cause = Reflect.get(cause, "cause");
  }
  return false;
}
