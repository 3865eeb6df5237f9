import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorCore } from "../core.js";
import type { InvoiceRecord } from "../invoice.js";
import { redirect, readBody, send } from "../http/io.js";
import { DEFAULT_OPERATOR_ID, findOperator } from "../operators.js";
import { MESSAGES, pickLang, type Lang } from "./messages.js";
import { renderInvoicePage, renderMessagePage } from "./render.js";
import { PAGE_HEADERS } from "./style.js";

const PAGE_PREFIXES = ["/directpayment/invoice/", "/pay/invoice/"];
const FORM_LIMIT = 16 * 1024;
/** How long the browser waits for the callbacks before it is sent back to the shop. */
const CALLBACK_WAIT_MS = 1000;

/** The token in a payment page path (`/directpayment/invoice/<token>`), or `null`. */
export function pageToken(pathname: string): string | null {
  const prefix = PAGE_PREFIXES.find((candidate) => pathname.startsWith(candidate));
  const token = prefix === undefined ? "" : pathname.slice(prefix.length);
  return token === "" || token.includes("/") ? null : token;
}

/** The hosted payment page: GET shows it, POST runs its Pay / Decline / Cancel buttons. */
export async function handlePage(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  query: URLSearchParams,
): Promise<void> {
  const record = core.invoices.findByToken(token);
  if (req.method === "GET" || req.method === "HEAD") {
    const lang = pickLang(query.get("lang"));
    if (!record) return notFound(res, lang);
    return html(res, 200, renderInvoicePage(record, lang));
  }
  if (req.method !== "POST") {
    return send(res, 405, "text/plain; charset=utf-8", "Method Not Allowed", {
      Allow: "GET, POST",
    });
  }
  const form = new URLSearchParams(await readBody(req, FORM_LIMIT));
  const lang = pickLang(form.get("lang") ?? query.get("lang"));
  if (!record) return notFound(res, lang);
  // Settled invoices show their outcome; a second tab or a double submit cannot pay twice.
  if (record.status !== "pending") return html(res, 409, renderInvoicePage(record, lang));
  const action = form.get("action");
  if (action === "cancel") {
    core.log(`invoice ${record.id}: shopper cancelled`);
    return redirect(res, new URL(record.cancelUrl).href);
  }
  const operatorId = form.get("operator") ?? DEFAULT_OPERATOR_ID;
  if ((action !== "pay" && action !== "decline") || !findOperator(operatorId)) {
    const t = MESSAGES[lang];
    return html(res, 400, renderMessagePage(lang, t.title, t.badRequest));
  }
  await settleBriefly(core, record, action === "pay" ? "completed" : "notcompleted", operatorId);
  redirect(res, new URL(record.returnUrl).href);
}

/**
 * Settles, then gives the callbacks a short head start, like LigdiCash notifying the shop while
 * the shopper is sent back; slow or failing callbacks go on in the background.
 */
async function settleBriefly(
  core: EmulatorCore,
  record: InvoiceRecord,
  status: "completed" | "notcompleted",
  operatorId: string,
): Promise<void> {
  const settling = core.settle(record.id, status, { operatorId }).catch((error: unknown) => {
    core.log(`invoice ${record.id}: settlement failed: ${String(error)}`);
  });
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CALLBACK_WAIT_MS).unref();
  });
  await Promise.race([settling, bound]);
  clearTimeout(timer);
}

function notFound(res: ServerResponse, lang: Lang): void {
  const t = MESSAGES[lang];
  html(res, 404, renderMessagePage(lang, t.notFoundTitle, t.notFound));
}

function html(res: ServerResponse, status: number, page: string): void {
  send(res, status, "text/html; charset=utf-8", page, PAGE_HEADERS);
}
