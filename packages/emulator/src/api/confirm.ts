import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorCore } from "../core.js";
import { sendJson } from "../http/io.js";
import { confirmBody } from "../wire/payload.js";
import { CONFIRM_WIKI, failureBody } from "./responses.js";
import { answerTransportFault } from "./transport-fault.js";

/**
 * `GET /pay/v01/redirect/checkout-invoice/confirm[/]?invoiceToken=T` (SDKs) or `?token=T`
 * (newer docs): LigdiCash's record of the invoice.
 */
export function handleConfirm(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): void {
  const fault = core.faults.takeConfirm();
  if (fault) {
    core.log(`confirm failed: ${fault} (fault)`);
    return answerTransportFault(res, fault);
  }
  if (!core.authorized(req.headers)) {
    core.log("confirm refused: wrong or missing Apikey / Bearer token (Code00)");
    return sendJson(res, 200, failureBody({ code: "00" }, CONFIRM_WIKI));
  }
  const token = query.get("invoiceToken") || query.get("token") || "";
  if (token === "") return sendJson(res, 200, failureBody({ code: "04" }, CONFIRM_WIKI));
  const record = core.invoices.findByToken(token);
  if (!record) {
    core.log("confirm: unknown token (Code02)");
    return sendJson(res, 200, failureBody({ code: "02" }, CONFIRM_WIKI));
  }
  core.log(`confirm ${record.id}: ${record.status}`);
  sendJson(res, 200, confirmBody(record, core.faults.quirks));
}
