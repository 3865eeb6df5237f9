import type { LigdicashFailure } from "./responses.js";

/** A valid hosted-invoice request, reduced to what the emulator keeps. */
export interface CreateOrder {
  amount: number;
  description: string;
  customer: { firstname: string; lastname: string; email: string };
  externalId: string;
  storeName: string;
  callbackUrl: string;
  returnUrl: string;
  cancelUrl: string;
  customData: Record<string, string>;
}

export const MIN_AMOUNT = 9;
export const MAX_AMOUNT = 2_000_000;

type Parsed = { ok: true; order: CreateOrder } | { ok: false; failure: LigdicashFailure };
type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
// LigdiCash runs on PHP: a missing key surfaces as Code04 with PHP's own warning as details.
const missingKey = (key: string): Parsed => ({
  ok: false,
  failure: { code: "04", details: `Undefined array key "${key}"` },
});
const inputError = (details: string): Parsed => ({ ok: false, failure: { code: "08", details } });

/**
 * Validates a create body the way LigdiCash does: `total_amount` an integer in 9..2,000,000
 * (else Code02), every item with a `unit_price` (else Code04), currency XOF.
 */
export function parseCreateRequest(raw: string): Parsed {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return inputError("Request body is not JSON");
  }
  const commande = isObject(body) ? body.commande : undefined;
  if (!isObject(commande)) return missingKey("commande");
  const invoice = commande.invoice;
  if (!isObject(invoice)) return missingKey("invoice");

  const amount = invoice.total_amount;
  if (typeof amount !== "number" || !Number.isInteger(amount))
    return { ok: false, failure: { code: "02" } };
  if (amount < MIN_AMOUNT || amount > MAX_AMOUNT) return { ok: false, failure: { code: "02" } };

  if (!Array.isArray(invoice.items)) return missingKey("items");
  for (const item of invoice.items) {
    if (!isObject(item) || !("unit_price" in item)) return missingKey("unit_price");
  }
  if (invoice.devise !== undefined && invoice.devise !== "XOF") {
    return inputError(`Unsupported currency "${text(invoice.devise)}"`);
  }

  const actions = isObject(commande.actions) ? commande.actions : {};
  const urls = {
    callbackUrl: text(actions.callback_url),
    returnUrl: text(actions.return_url),
    cancelUrl: text(actions.cancel_url),
  };
  for (const [field, url] of Object.entries(urls)) {
    // A shop may live without callbacks (it polls), never without a way back from the page.
    if (field === "callbackUrl" && url === "") continue;
    if (!isHttpUrl(url))
      return inputError(`actions.${snake(field)} must be an absolute http(s) URL`);
  }

  const customData = parseCustomData(commande.custom_data);
  if (customData === null) return inputError("custom_data must be an object");
  const store = isObject(commande.store) ? commande.store : {};
  return {
    ok: true,
    order: {
      amount,
      description: text(invoice.description),
      customer: {
        firstname: text(invoice.customer_firstname),
        lastname: text(invoice.customer_lastname),
        email: text(invoice.customer_email),
      },
      externalId: text(invoice.external_id),
      storeName: text(store.name),
      ...urls,
      customData,
    },
  };
}

/** Flattens `custom_data` to string values; `null` when it is not an object. */
export function parseCustomData(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null || value === "") return {};
  if (!isObject(value)) return null;
  // fromEntries defines own properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      typeof entry === "string" ? entry : entry === null ? "" : JSON.stringify(entry),
    ]),
  );
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

const snake = (camel: string): string => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
