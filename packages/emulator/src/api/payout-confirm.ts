import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorCore } from "../core.js";
import { sendJson } from "../http/io.js";
import type { PayoutMethod } from "../payouts/types.js";
import { payoutConfirmBody, payoutWiki } from "../wire/payout-payload.js";
import { failureBody } from "./responses.js";
import { answerTransportFault } from "./transport-fault.js";

/**
 * `GET /pay/v01/withdrawal/confirm[/]?withdrawalToken=T` (any payout: the documentation shows it
 * for both) and `GET /pay/v01/straight/payout/confirm[/]?payoutToken=T` (the official SDKs, mobile
 * money only). Either parameter name, or `token`, is read.
 */
export function handlePayoutConfirm(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  only: PayoutMethod | null,
): void {
  const wiki = payoutWiki({ method: only ?? "wallet" });
  const fault = core.faults.takePayoutConfirm();
  if (fault) {
    core.log(`payout confirm failed: ${fault} (fault)`);
    return answerTransportFault(res, fault);
  }
  if (!core.authorized(req.headers)) {
    core.log("payout confirm refused: wrong or missing Apikey / Bearer token (Code00)");
    return sendJson(res, 200, failureBody({ code: "00" }, wiki));
  }
  const token =
    query.get("withdrawalToken") || query.get("payoutToken") || query.get("token") || "";
  if (token === "") return sendJson(res, 200, failureBody({ code: "04" }, wiki));
  const record = core.payouts.book.findByToken(token);
  if (!record || (only !== null && record.method !== only)) {
    core.log("payout confirm: unknown token (Code02)");
    return sendJson(res, 200, failureBody({ code: "02" }, wiki));
  }
  core.log(`payout confirm ${record.id}: ${record.status}`);
  sendJson(res, 200, payoutConfirmBody(record, core.faults.quirks));
}
