import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorCore } from "../core.js";
import { readBody, sendJson } from "../http/io.js";
import { PAYOUT_CODES } from "../payouts/codes.js";
import type { PayoutMethod } from "../payouts/types.js";
import { payoutWiki } from "../wire/payout-payload.js";
import { parsePayoutRequest } from "./payout-request.js";
import { failureBody } from "./responses.js";
import { answerTransportFault } from "./transport-fault.js";

const BODY_LIMIT = 64 * 1024;

/**
 * `POST /pay/v01/withdrawal/create` (method `wallet`) and `POST /pay/v01/straight/payout`
 * (`mobile_money`): a payout drawn on the sub-account of the beneficiary's operator.
 */
export async function handlePayoutCreate(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  method: PayoutMethod,
): Promise<void> {
  const wiki = payoutWiki({ method });
  const fault = core.faults.takePayoutCreate(method);
  if (fault?.mode === "refuse") {
    core.log(`payout create refused with Code${fault.code} (fault)`);
    return sendJson(res, 200, failureBody({ code: fault.code }, wiki));
  }
  if (fault && fault.mode !== "timeoutAfterCreate" && fault.mode !== "resetAfterCreate") {
    core.log(`payout create failed: ${fault.mode} (fault)`);
    return answerTransportFault(res, fault.mode);
  }
  if (!core.authorized(req.headers)) {
    core.log("payout create refused: wrong or missing Apikey / Bearer token (Code00)");
    return sendJson(res, 200, failureBody({ code: PAYOUT_CODES[method].auth }, wiki));
  }
  const parsed = parsePayoutRequest(await readBody(req, BODY_LIMIT), method);
  const created = parsed.ok ? core.payouts.create(parsed.order) : parsed;
  if (!created.ok) {
    const { code, details } = created.failure;
    core.log(`payout create refused: Code${code}${details ? ` (${details})` : ""}`);
    return sendJson(res, 200, failureBody(created.failure, wiki));
  }
  const { record } = created;
  if (fault?.mode === "timeoutAfterCreate") {
    // The dangerous case: the payout goes ahead, the shop never hears that it was created.
    core.log(`payout ${record.id}: created, then no answer (fault)`);
  } else if (fault?.mode === "resetAfterCreate") {
    core.log(`payout ${record.id}: created, then connection reset (fault)`);
    res.socket?.destroy();
  } else {
    sendJson(res, 200, {
      response_code: "00",
      token: record.token,
      response_text: "",
      description: "",
      // As documented: [] for a wallet payout, "" for a mobile-money one.
      custom_data: method === "wallet" ? [] : "",
      wiki,
    });
  }
  core.payouts.start(record);
}
