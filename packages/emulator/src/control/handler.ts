import type { IncomingMessage, ServerResponse } from "node:http";
import { UnknownInvoiceError, type EmulatorCore } from "../core.js";
import { validateFaults, validateQuirks } from "../faults.js";
import { readBody, sendJson } from "../http/io.js";
import { toPublicInvoice } from "../invoice.js";
import { UnknownPayoutError } from "../payouts/desk.js";
import type { InvoiceStatus, SettleOptions } from "../types.js";
import { payoutControl } from "./payouts.js";

export const CONTROL_PREFIX = "/__emulator/";
const BODY_LIMIT = 64 * 1024;

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The control API, for tests and demos in other languages or processes: the same operations as
 * the functions of `startEmulator()`, as JSON over HTTP.
 */
export async function handleControl(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  try {
    const route = pathname.slice(CONTROL_PREFIX.length).split("/").map(decodeURIComponent);
    const result = await dispatch(core, req, route);
    sendJson(res, 200, result);
  } catch (error) {
    if (error instanceof ControlError) return sendJson(res, error.status, { error: error.message });
    if (error instanceof UnknownInvoiceError || error instanceof UnknownPayoutError) {
      return sendJson(res, 404, { error: error.message });
    }
    if (error instanceof TypeError || error instanceof URIError)
      return sendJson(res, 400, { error: error.message });
    throw error;
  }
}

async function dispatch(
  core: EmulatorCore,
  req: IncomingMessage,
  route: string[],
): Promise<unknown> {
  const [resource, id, action, ...rest] = route;
  if (rest.length > 0) throw new ControlError(404, "Unknown control route");
  if (req.method !== "GET" && req.method !== "POST") throw new ControlError(405, "Use GET or POST");
  const payout = await payoutControl(core, req.method, route, () => readJson(req));
  if (payout !== undefined) return payout;
  if (req.method === "GET") {
    if (route.length === 1 && resource === "invoices") return core.invoices.list();
    if (route.length === 1 && resource === "callbacks") return core.dispatcher.deliveries();
    throw new ControlError(404, "Unknown control route");
  }
  const body = await readJson(req);
  if (resource === "invoices" && id !== undefined && (action === "settle" || action === "patch")) {
    const record = core.invoices.find(id);
    if (!record) throw new UnknownInvoiceError(id);
    if (action === "patch") core.patchInvoice(record.id, body);
    else {
      const { status, ...options } = body as { status?: InvoiceStatus } & SettleOptions;
      await core.settle(record.id, status as InvoiceStatus, options);
    }
    return { invoice: toPublicInvoice(record) };
  }
  if (route.length !== 1) throw new ControlError(404, "Unknown control route");
  if (resource === "faults") core.faults.setFaults(validateFaults(body));
  else if (resource === "quirks") core.faults.setQuirks(validateQuirks(body));
  else if (resource === "reset") core.reset();
  else throw new ControlError(404, "Unknown control route");
  return { ok: true };
}

/** Reads a JSON object body. Requiring the JSON type keeps other web pages from posting here. */
async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ControlError(415, "Send Content-Type: application/json");
  }
  const raw = await readBody(req, BODY_LIMIT);
  if (raw.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ControlError(400, "Body is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ControlError(400, "Body must be a JSON object");
  }
  return value as Record<string, unknown>;
}
