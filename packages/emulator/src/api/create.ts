import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorCore } from "../core.js";
import { readBody, sendJson } from "../http/io.js";
import { parseCreateRequest } from "./create-request.js";
import { CREATE_WIKI, createdBody, failureBody } from "./responses.js";
import { answerTransportFault } from "./transport-fault.js";

const BODY_LIMIT = 256 * 1024;

/** `POST /pay/v01/redirect/checkout-invoice/create`: a hosted invoice and its payment page. */
export async function handleCreate(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const fault = core.faults.takeCreate();
  if (fault?.mode === "refuse") {
    core.log(`create refused with Code${fault.code} (fault)`);
    return sendJson(res, 200, failureBody({ code: fault.code }, CREATE_WIKI));
  }
  if (fault) {
    core.log(`create failed: ${fault.mode} (fault)`);
    return answerTransportFault(res, fault.mode);
  }
  if (!core.authorized(req.headers)) {
    core.log("create refused: wrong or missing Apikey / Bearer token (Code00)");
    return sendJson(res, 200, failureBody({ code: "00" }, CREATE_WIKI));
  }
  const parsed = parseCreateRequest(await readBody(req, BODY_LIMIT));
  if (!parsed.ok) {
    const { code, details } = parsed.failure;
    core.log(`create refused: Code${code}${details ? ` (${details})` : ""}`);
    return sendJson(res, 200, failureBody(parsed.failure, CREATE_WIKI));
  }
  const record = core.createInvoice(parsed.order);
  sendJson(res, 200, createdBody(record.token, record.payUrl));
}
