import type { IncomingMessage, ServerResponse } from "node:http";
import { handleConfirm } from "./api/confirm.js";
import { handleCreate } from "./api/create.js";
import { handlePayoutConfirm } from "./api/payout-confirm.js";
import { handlePayoutCreate } from "./api/payout-create.js";
import { CONTROL_PREFIX, handleControl } from "./control/handler.js";
import type { EmulatorCore } from "./core.js";
import { BodyTooLargeError, send, sendJson } from "./http/io.js";
import { handlePage, pageToken } from "./page/handler.js";

export const CREATE_PATH = "/pay/v01/redirect/checkout-invoice/create";
export const CONFIRM_PATH = "/pay/v01/redirect/checkout-invoice/confirm";
export const WITHDRAWAL_CREATE_PATH = "/pay/v01/withdrawal/create";
export const WITHDRAWAL_CONFIRM_PATH = "/pay/v01/withdrawal/confirm";
export const STRAIGHT_PAYOUT_PATH = "/pay/v01/straight/payout";
export const STRAIGHT_PAYOUT_CONFIRM_PATH = "/pay/v01/straight/payout/confirm";

/** Sends each request to its handler; answers 404/405/413/500 for the rest. */
export async function route(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    await dispatch(core, req, res);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return plain(res, 413, "Payload Too Large");
    core.log(`internal error on ${req.method} ${req.url}: ${String(error)}`);
    if (!res.headersSent) plain(res, 500, "Internal Server Error");
    else res.destroy();
  }
}

async function dispatch(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const path = url.pathname.replace(/\/$/, "");
  if (path === CREATE_PATH) {
    if (req.method !== "POST") return plain(res, 405, "Method Not Allowed", { Allow: "POST" });
    return handleCreate(core, req, res);
  }
  if (path === CONFIRM_PATH) {
    if (req.method !== "GET") return plain(res, 405, "Method Not Allowed", { Allow: "GET" });
    return handleConfirm(core, req, res, url.searchParams);
  }
  if (path === WITHDRAWAL_CREATE_PATH || path === STRAIGHT_PAYOUT_PATH) {
    if (req.method !== "POST") return plain(res, 405, "Method Not Allowed", { Allow: "POST" });
    return handlePayoutCreate(
      core,
      req,
      res,
      path === STRAIGHT_PAYOUT_PATH ? "mobile_money" : "wallet",
    );
  }
  if (path === WITHDRAWAL_CONFIRM_PATH || path === STRAIGHT_PAYOUT_CONFIRM_PATH) {
    if (req.method !== "GET") return plain(res, 405, "Method Not Allowed", { Allow: "GET" });
    const only = path === STRAIGHT_PAYOUT_CONFIRM_PATH ? "mobile_money" : null;
    return handlePayoutConfirm(core, req, res, url.searchParams, only);
  }
  const token = pageToken(url.pathname);
  if (token !== null) return handlePage(core, req, res, token, url.searchParams);
  if (url.pathname.startsWith(CONTROL_PREFIX)) return handleControl(core, req, res, url.pathname);
  if (url.pathname === "/") {
    return sendJson(res, 200, {
      name: "ligdicash-emulator",
      create: `POST ${CREATE_PATH}`,
      confirm: `GET ${CONFIRM_PATH}/?invoiceToken=<token>`,
      walletPayout: `POST ${WITHDRAWAL_CREATE_PATH}`,
      mobileMoneyPayout: `POST ${STRAIGHT_PAYOUT_PATH}`,
      payoutConfirm: `GET ${WITHDRAWAL_CONFIRM_PATH}/?withdrawalToken=<token>`,
      control: `${CONTROL_PREFIX}invoices`,
    });
  }
  plain(res, 404, "Not Found");
}

function plain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  send(res, status, "text/plain; charset=utf-8", text, headers);
}
