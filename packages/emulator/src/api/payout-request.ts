import { MAX_PAYOUT, MIN_PAYOUT, PAYOUT_CODES } from "../payouts/codes.js";
import type { PayoutMethod } from "../payouts/types.js";
import { isHttpUrl, parseCustomData } from "./create-request.js";
import type { LigdicashFailure } from "./responses.js";

/** A well-formed payout request, reduced to what the emulator keeps. */
export interface PayoutOrder {
  method: PayoutMethod;
  amount: number;
  description: string;
  /** As sent; whether it names a reachable beneficiary is for the payout rules to say. */
  customer: string;
  callbackUrl: string;
  topUpWallet: number | null;
  customData: Record<string, string>;
}

type Parsed = { ok: true; order: PayoutOrder } | { ok: false; failure: LigdicashFailure };
type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Validates a payout body, `{"commande":{amount, description, customer, callback_url,
 * top_up_wallet?, custom_data}}`: an integer amount in 20..1,000,000 (else the endpoint's amount
 * code), and the rest well-formed (else its input code, with PHP's warning for a missing key).
 */
export function parsePayoutRequest(raw: string, method: PayoutMethod): Parsed {
  const codes = PAYOUT_CODES[method];
  const input = (details: string): Parsed => ({
    ok: false,
    failure: { code: codes.input, details },
  });
  const missingKey = (key: string): Parsed => input(`Undefined array key "${key}"`);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return input("Request body is not JSON");
  }
  const commande = isObject(body) ? body.commande : undefined;
  if (!isObject(commande)) return missingKey("commande");
  if (!("amount" in commande)) return missingKey("amount");
  const amount = commande.amount;
  if (typeof amount !== "number" || !Number.isInteger(amount)) {
    return { ok: false, failure: { code: codes.amount } };
  }
  if (amount < MIN_PAYOUT || amount > MAX_PAYOUT) {
    return { ok: false, failure: { code: codes.amount } };
  }
  if (!("customer" in commande)) return missingKey("customer");
  const customer = commande.customer;
  if (typeof customer !== "string" && !Number.isSafeInteger(customer)) {
    return input("customer must be a phone number");
  }
  const callbackUrl = typeof commande.callback_url === "string" ? commande.callback_url : "";
  if (callbackUrl !== "" && !isHttpUrl(callbackUrl)) {
    return input("callback_url must be an absolute http(s) URL");
  }
  const topUpWallet = method === "wallet" ? parseTopUp(commande.top_up_wallet) : null;
  if (topUpWallet === undefined) return input("top_up_wallet must be 0 or 1");
  const customData = parseCustomData(commande.custom_data);
  if (customData === null) return input("custom_data must be an object");
  return {
    ok: true,
    order: {
      method,
      amount,
      description: typeof commande.description === "string" ? commande.description : "",
      customer: String(customer),
      callbackUrl,
      topUpWallet,
      customData,
    },
  };
}

/** `top_up_wallet`: 0 or 1, as a number or a string; `null` when absent, `undefined` when wrong. */
function parseTopUp(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  const number = typeof value === "string" ? Number(value) : value;
  return number === 0 || number === 1 ? number : undefined;
}
