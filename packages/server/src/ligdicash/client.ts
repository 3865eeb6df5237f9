import { LigdicashError } from "../core/errors.js";
import { findTransactionId } from "./custom-data.js";
import { callJson, connection, delay } from "./http.js";
import { invoiceBody, invoiceExpiry, type InvoiceRequest } from "./invoice.js";
import { parseAnswer } from "./parse.js";
import { refusalError } from "./refusal.js";
import { ConfirmResponse, CreateResponse, PROVIDER_STATUS } from "./schemas.js";

export interface LigdicashClientOptions {
  apiUrl: string;
  apiKey: string;
  authToken: string;
  fetch?: typeof fetch | undefined;
  /** Deadline of the create call (no retry: a create is not idempotent). Default 10 s. */
  createTimeoutMs?: number | undefined;
  /** Deadline of one confirm, retries included. Default 5 s. */
  confirmTimeoutMs?: number | undefined;
  /** Extra confirm tries after a network error or a 5xx, within the deadline. Default 2. */
  confirmRetries?: number | undefined;
  /** The clock of the rate-limit pause. Default Date.now. */
  now?: (() => number) | undefined;
  /** Waits between confirm tries, rejecting when `signal` aborts. Default: a real timer. */
  delay?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
}

export interface CreatedInvoice {
  /** Secret: confirms the payment. Never sent to a browser or a log. */
  token: string;
  payUrl: string;
  expiresAt: number | null;
}

/** LigdiCash's verdict on an invoice, in our words. */
export interface Confirmation {
  status: "paid" | "failed" | "pending";
  amount: number | null;
  currency: string | null;
  transactionId: string | null;
  operator: string | null;
  /** The payer's number, country code + digits (`22676275726`), once paid: where a refund goes. */
  customer: string | null;
}

export interface LigdicashClient {
  createInvoice(request: InvoiceRequest): Promise<CreatedInvoice>;
  confirmInvoice(token: string): Promise<Confirmation>;
}

const CREATE_PATH = "/pay/v01/redirect/checkout-invoice/create";
const CONFIRM_PATH = "/pay/v01/redirect/checkout-invoice/confirm/";

/**
 * The two LigdiCash calls the hosted checkout needs, with deadlines, validation of every answer,
 * and jittered retries for confirm only.
 *
 * @example
 * const client = createLigdicashClient({ apiUrl, apiKey, authToken });
 * const { payUrl } = await client.createInvoice(request);
 */
export function createLigdicashClient(options: LigdicashClientOptions): LigdicashClient {
  const { fetch: fetchImpl, base, headers } = connection(options);

  async function createInvoice(request: InvoiceRequest): Promise<CreatedInvoice> {
    const raw = await callJson({
      operation: "create",
      method: "POST",
      url: base + CREATE_PATH,
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify(invoiceBody(request)),
      signal: AbortSignal.timeout(options.createTimeoutMs ?? 10_000),
      fetch: fetchImpl,
    });
    const answer = parseAnswer(CreateResponse, raw, "create");
    if (answer.response_code !== "00") throw refusalError("create", answer.response_text);
    const token = answer.token ?? "";
    const payUrl = answer.response_text ?? "";
    if (!token || !/^https?:\/\//i.test(payUrl)) {
      throw new LigdicashError(
        "LIGDICASH_BAD_RESPONSE",
        "LigdiCash's create answer has no token or payment URL.",
      );
    }
    return { token, payUrl, expiresAt: invoiceExpiry(token) };
  }

  // After a 429 every confirm waits out LigdiCash's Retry-After: the limit is per API key.
  const now = options.now ?? Date.now;
  let pausedUntil = 0;

  async function confirmInvoice(token: string): Promise<Confirmation> {
    if (now() < pausedUntil) {
      throw new LigdicashError("LIGDICASH_RATE_LIMITED", "LigdiCash asked to slow down.", {
        retryAfterMs: pausedUntil - now(),
      });
    }
    const signal = AbortSignal.timeout(options.confirmTimeoutMs ?? 5_000);
    const retries = options.confirmRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        const raw = await callJson({
          operation: "confirm",
          method: "GET",
          url: `${base}${CONFIRM_PATH}?${new URLSearchParams({ invoiceToken: token }).toString()}`,
          headers,
          signal,
          fetch: fetchImpl,
        });
        return toConfirmation(parseAnswer(ConfirmResponse, raw, "confirm"));
      } catch (error) {
        if (error instanceof LigdicashError && error.code === "LIGDICASH_RATE_LIMITED") {
          pausedUntil = Math.max(pausedUntil, now() + (error.retryAfterMs ?? 30_000));
        }
        // Only a network error or a 5xx is worth another try; a 429 or a refusal is not.
        const retryable = error instanceof LigdicashError && error.code === "LIGDICASH_UNAVAILABLE";
        if (!retryable || attempt >= retries || signal.aborted) throw error;
        await (options.delay ?? delay)(backoff(attempt), signal).catch(() => {
          throw error;
        });
      }
    }
  }

  return { createInvoice, confirmInvoice };
}

/** Full-jitter exponential backoff: 0–200 ms, then 0–400 ms, … */
function backoff(attempt: number): number {
  return Math.random() * 200 * 2 ** attempt;
}

function toConfirmation(answer: ConfirmResponse): Confirmation {
  if (answer.response_code !== "00") throw refusalError("confirm", answer.response_text);
  const word = (answer.status ?? "").trim().toLowerCase();
  const status = Object.hasOwn(PROVIDER_STATUS, word)
    ? PROVIDER_STATUS[word as keyof typeof PROVIDER_STATUS]
    : undefined;
  if (status === undefined) {
    throw new LigdicashError(
      "LIGDICASH_BAD_RESPONSE",
      "LigdiCash's confirm answer has an unknown status.",
    );
  }
  return {
    status,
    amount: answer.amount ?? answer.montant ?? null,
    currency: answer.devise ?? answer.currency ?? null,
    transactionId: findTransactionId(answer.custom_data ?? answer.customdata),
    operator: answer.operator_name ?? null,
    customer: answer.customer?.replace(/\D/g, "") || null,
  };
}
