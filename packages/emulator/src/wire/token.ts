import { createHmac } from "node:crypto";
import { formatDateTime } from "./dates.js";

/** What LigdiCash puts in an invoice token. */
export interface InvoiceTokenPayload {
  id_invoice: string;
  start_date: string;
  /** Unix seconds, 24 h after `start_date`. */
  expiry_date: number;
}

/** What LigdiCash puts in a payout token. */
export interface PayoutTokenPayload {
  id_finance: string;
  start_date: string;
  /** Unix seconds, 24 h after `start_date`. */
  expiry_date: number;
}

const DAY_SECONDS = 24 * 60 * 60;
const base64url = (data: string | Buffer): string => Buffer.from(data).toString("base64url");

/** Signs an HS256 JWT-shaped invoice token, like the ones LigdiCash hands out at creation. */
export function signInvoiceToken(idInvoice: string, issuedAt: Date, secret: Buffer): string {
  return sign({ id_invoice: idInvoice, ...validity(issuedAt) }, secret);
}

/** Signs an HS256 JWT-shaped payout token (`id_finance` instead of `id_invoice`). */
export function signPayoutToken(idFinance: string, issuedAt: Date, secret: Buffer): string {
  return sign({ id_finance: idFinance, ...validity(issuedAt) }, secret);
}

function validity(issuedAt: Date): { start_date: string; expiry_date: number } {
  return {
    start_date: formatDateTime(issuedAt),
    expiry_date: Math.floor(issuedAt.getTime() / 1000) + DAY_SECONDS,
  };
}

function sign(payload: InvoiceTokenPayload | PayoutTokenPayload, secret: Buffer): string {
  const header = base64url(JSON.stringify({ typ: "JWT", alg: "HS256" }));
  const body = `${header}.${base64url(JSON.stringify(payload))}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}
