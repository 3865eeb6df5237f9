import { createHmac } from "node:crypto";
import { formatDateTime } from "./dates.js";

/** What LigdiCash puts in an invoice token. */
export interface InvoiceTokenPayload {
  id_invoice: string;
  start_date: string;
  /** Unix seconds, 24 h after `start_date`. */
  expiry_date: number;
}

const DAY_SECONDS = 24 * 60 * 60;
const base64url = (data: string | Buffer): string => Buffer.from(data).toString("base64url");

/** Signs an HS256 JWT-shaped invoice token, like the ones LigdiCash hands out at creation. */
export function signInvoiceToken(idInvoice: string, issuedAt: Date, secret: Buffer): string {
  const header = base64url(JSON.stringify({ typ: "JWT", alg: "HS256" }));
  const payload: InvoiceTokenPayload = {
    id_invoice: idInvoice,
    start_date: formatDateTime(issuedAt),
    expiry_date: Math.floor(issuedAt.getTime() / 1000) + DAY_SECONDS,
  };
  const body = `${header}.${base64url(JSON.stringify(payload))}`;
  return `${body}.${hmac(body, secret)}`;
}

function hmac(data: string, secret: Buffer): string {
  return createHmac("sha256", secret).update(data).digest("base64url");
}
