import type { PaymentStatus } from "../model/payment.js";
import type { Engine } from "./engine.js";
import { LigdicashError } from "./errors.js";
import { readStatus } from "./status.js";
import type { StatusWaiters } from "./status-waiters.js";

/**
 * The longest a status request is held: under the 30 s idle timeout of common proxies and load
 * balancers, so that the answer, not a proxy's 504, ends the wait.
 */
export const MAX_WAIT_SECONDS = 25;

/** The response header that says a wait was honoured, and for how many seconds. */
export const WAIT_HEADER = "x-ligdicash-wait";

export interface StatusAnswer {
  body: { orderId: string; status: PaymentStatus };
  headers: Record<string, string>;
}

/**
 * `GET /status/:orderId[?wait=N]`. Without `wait` (or `wait=0`) it answers at once, as a poll,
 * with `Retry-After` while pending. With `wait=N` (seconds, clamped to 1..25) a final status is
 * answered at once and a pending one is held until it changes or N seconds pass; the answer
 * says `X-Ligdicash-Wait: N` and has no `Retry-After` (the client may ask again at once).
 */
export async function answerStatus<C>(
  engine: Engine<C>,
  waiters: StatusWaiters,
  request: { orderId: string; query: string | undefined; signal: AbortSignal | undefined },
): Promise<StatusAnswer> {
  const { orderId } = request;
  const seconds = waitSeconds(request.query);
  let status = await readStatus(engine, orderId);
  if (seconds === 0) {
    const retry = Math.ceil(engine.config.recheckIntervalMs / 1000);
    const headers: Record<string, string> =
      status === "pending" ? { "retry-after": String(retry) } : {};
    return { body: { orderId, status }, headers: { ...headers, ...EXPOSED } };
  }
  if (status === "pending") status = await waiters.wait(orderId, seconds * 1000, request.signal);
  return { body: { orderId, status }, headers: { [WAIT_HEADER]: String(seconds), ...EXPOSED } };
}

/**
 * A storefront on another origin (with the shop's own CORS in front) can read only these two of
 * the answer's headers if they are exposed: the client needs both.
 */
const EXPOSED = { "access-control-expose-headers": "Retry-After, X-Ligdicash-Wait" };

/**
 * The `wait` query parameter in whole seconds: 0 when absent or 0, else clamped to 1..25
 * (fractions round up). Anything but a non-negative number is refused.
 */
export function waitSeconds(query: string | undefined): number {
  const raw = query ? new URLSearchParams(query).get("wait") : null;
  if (raw === null || raw === "") return 0;
  if (!/^\d{1,9}(\.\d{1,9})?$/.test(raw)) {
    throw new LigdicashError(
      "INVALID_REQUEST",
      `wait must be a number of seconds, 0 to ${MAX_WAIT_SECONDS}.`,
    );
  }
  const seconds = Math.ceil(Number(raw));
  return seconds === 0 ? 0 : Math.min(seconds, MAX_WAIT_SECONDS);
}
