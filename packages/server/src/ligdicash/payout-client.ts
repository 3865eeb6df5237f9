import { LigdicashError } from "../core/errors.js";
import type { LigdicashClientOptions } from "./client.js";
import { findTransactionId } from "./custom-data.js";
import { callJson, connection } from "./http.js";
import { neverSent } from "./never-sent.js";
import { parseAnswer } from "./parse.js";
import { payoutConfirmRefusal, payoutRefusal } from "./payout-refusal.js";
import {
  PAYOUT_ENDPOINTS,
  payoutBody,
  type PayoutMethod,
  type PayoutRequest,
} from "./payout-request.js";
import { PayoutConfirmResponse, PayoutCreateResponse } from "./payout-schemas.js";
import { withRetries } from "./retry.js";
import { PROVIDER_STATUS } from "./schemas.js";
import { tokenPayload } from "./token-payload.js";

/**
 * What became of a payout create. `created`: LigdiCash made it (keep the token: it confirms the
 * payout). `refused`: LigdiCash surely made nothing. `exists`: a payout with this transaction id
 * was made before (Code07). `unknown`: the request may have been acted on (timeout or reset after
 * sending, 5xx, unreadable answer, an error on LigdiCash's side): never send it under a new id.
 */
export type PayoutCreateResult =
  | { outcome: "created"; token: string; financeId: string | null }
  | { outcome: "refused" | "exists" | "unknown"; error: LigdicashError };

/** LigdiCash's verdict on a payout, in our words. */
export interface PayoutConfirmation {
  status: "paid" | "failed" | "pending";
  amount: number | null;
  /** The shop's payout id as LigdiCash echoes it: compare it with the one the token was stored for. */
  transactionId: string | null;
  operatorId: string | null;
  /** As LigdiCash words it (wallet payouts: `LigdiCash MOOV AFRICA BURKINA`). */
  operatorName: string | null;
  customer: string | null;
}

export interface LigdicashPayoutClient {
  /** One try, never retried (a create is not idempotent); resolves every outcome, never throws. */
  createPayout(request: PayoutRequest): Promise<PayoutCreateResult>;
  /**
   * Asks the method's confirm endpoint; retried on network errors and 5xx within the deadline.
   * Throws LIGDICASH_UNAVAILABLE, LIGDICASH_BAD_RESPONSE, LIGDICASH_AUTH_FAILED or LIGDICASH_REFUSED.
   */
  confirmPayout(token: string, method: PayoutMethod): Promise<PayoutConfirmation>;
}

/**
 * The payout calls of LigdiCash's API: create (wallet or mobile money) and confirm, with deadlines
 * (create 10 s, confirm 5 s by default) and every answer validated.
 *
 * @example
 * const payouts = createPayoutClient({ apiUrl, apiKey, authToken });
 * const result = await payouts.createPayout({ transactionId: "po_…", method: "mobile_money",
 *   amount: 5000, customer: "22670000000", description: "Refund", callbackUrl });
 * if (result.outcome === "created") store(result.token);
 */
export function createPayoutClient(options: LigdicashClientOptions): LigdicashPayoutClient {
  const { fetch: fetchImpl, base, headers } = connection(options);

  async function createPayout(request: PayoutRequest): Promise<PayoutCreateResult> {
    const invalid = invalidRequest(request);
    if (invalid) return { outcome: "refused", error: invalid };
    let raw: unknown;
    try {
      raw = await callJson({
        operation: "payout create",
        method: "POST",
        url: base + PAYOUT_ENDPOINTS[request.method].create,
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify(payoutBody(request)),
        signal: AbortSignal.timeout(options.createTimeoutMs ?? 10_000),
        fetch: fetchImpl,
      });
    } catch (error) {
      const failure = error instanceof LigdicashError ? error : unexpected(error);
      return { outcome: neverSent(error) ? "refused" : "unknown", error: failure };
    }
    let answer: PayoutCreateResponse;
    try {
      answer = parseAnswer(PayoutCreateResponse, raw, "payout create");
    } catch (error) {
      return { outcome: "unknown", error: error as LigdicashError };
    }
    if (answer.response_code !== "00") return payoutRefusal(request.method, answer.response_text);
    const token = answer.token ?? "";
    if (token === "") {
      const error = new LigdicashError(
        "LIGDICASH_BAD_RESPONSE",
        "LigdiCash accepted the payout but sent no payout token; it can only be followed by its callback.",
      );
      return { outcome: "unknown", error };
    }
    const financeId = tokenPayload(token)?.id_finance;
    return {
      outcome: "created",
      token,
      financeId:
        typeof financeId === "string" || typeof financeId === "number" ? String(financeId) : null,
    };
  }

  async function confirmPayout(token: string, method: PayoutMethod): Promise<PayoutConfirmation> {
    const signal = AbortSignal.timeout(options.confirmTimeoutMs ?? 5_000);
    const endpoint = PAYOUT_ENDPOINTS[method];
    const query = new URLSearchParams({ [endpoint.tokenParam]: token }).toString();
    const raw = await withRetries(
      () =>
        callJson({
          operation: "payout confirm",
          method: "GET",
          url: `${base}${endpoint.confirm}?${query}`,
          headers,
          signal,
          fetch: fetchImpl,
        }),
      {
        signal,
        retries: options.confirmRetries ?? 2,
        // Network errors and 5xx only: a malformed answer is not made better by asking again.
        retryable: (error) =>
          error instanceof LigdicashError && error.code === "LIGDICASH_UNAVAILABLE",
      },
    );
    return toConfirmation(parseAnswer(PayoutConfirmResponse, raw, "payout confirm"));
  }

  return { createPayout, confirmPayout };
}

/** A request LigdiCash would misread: refused before anything is sent. */
function invalidRequest(request: PayoutRequest): LigdicashError | undefined {
  if (!Object.hasOwn(PAYOUT_ENDPOINTS, request.method)) {
    return new LigdicashError("INVALID_REQUEST", 'A payout method is "wallet" or "mobile_money".');
  }
  if (!/^\d{11,13}$/.test(request.customer)) {
    return new LigdicashError(
      "INVALID_PHONE_NUMBER",
      "The beneficiary must be given as country code + number, digits only (normalise it first).",
    );
  }
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
    return new LigdicashError("INVALID_REQUEST", "A payout amount is a whole number of XOF.");
  }
  if (request.transactionId.trim() === "") {
    return new LigdicashError("INVALID_REQUEST", "A payout needs its id as transaction id.");
  }
  return undefined;
}

function unexpected(error: unknown): LigdicashError {
  return new LigdicashError(
    "LIGDICASH_UNAVAILABLE",
    "The payout create call failed unexpectedly.",
    {
      cause: error,
    },
  );
}

function toConfirmation(answer: PayoutConfirmResponse): PayoutConfirmation {
  if (answer.response_code !== "00") throw payoutConfirmRefusal(answer.response_text);
  const word = (answer.status ?? "").trim().toLowerCase();
  if (!Object.hasOwn(PROVIDER_STATUS, word)) {
    throw new LigdicashError(
      "LIGDICASH_BAD_RESPONSE",
      "LigdiCash's payout confirm answer has an unknown status.",
    );
  }
  return {
    status: PROVIDER_STATUS[word as keyof typeof PROVIDER_STATUS],
    amount: answer.amount ?? answer.montant ?? null,
    transactionId:
      answer.transaction_id ??
      findTransactionId(answer.custom_data ?? answer.customdata) ??
      answer.external_id ??
      null,
    operatorId: answer.operator_id ?? null,
    operatorName: answer.operator_name ?? null,
    customer: answer.customer ?? null,
  };
}
