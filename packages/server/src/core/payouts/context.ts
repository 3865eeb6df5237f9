import { createPayoutClient, type LigdicashPayoutClient } from "../../ligdicash/payout-client.js";
import { toPayoutInfo, type Payout, type PayoutInfo } from "../../model/payout.js";
import { maskPhone } from "../../payouts/phone.js";
import { isPayoutStore, type LigdicashStore } from "../../storage/store.js";
import type { Engine } from "../engine.js";
import { LigdicashError } from "../errors.js";
import type { SafeLogger } from "../logger.js";

/** What every part of the payouts domain works with. */
export interface PayoutContext {
  engine: Engine<unknown>;
  store: LigdicashStore;
  client: LigdicashPayoutClient;
  log: SafeLogger;
  now: () => number;
  /** Where LigdiCash posts payout callbacks: the payins' route. */
  callbackUrl: string;
  /** When an unsettled payout is looked at again: 1–2 × `checkAfterMs` from now. */
  nextCheck: (at: number) => number;
  /** How long a `pending` payout may wait for its create's outcome before the reconciler steps in. */
  staleAfterMs: number;
}

/**
 * The payouts domain's context, or the reason payouts cannot work with this store (a shop's own
 * store written before payouts existed): that error is thrown by every payout call, not at start.
 */
export function payoutContext(engine: Engine<unknown>): PayoutContext | LigdicashError {
  const { config } = engine;
  const store = config.storage;
  if (!isPayoutStore(store)) {
    return new LigdicashError(
      "INVALID_OPTIONS",
      "This store keeps payments only: payouts and refunds need a store that implements PayoutStore (every built-in store does; see payoutStoreConformance).",
    );
  }
  const { checkAfterMs } = config.payouts;
  return {
    engine,
    store,
    client: createPayoutClient({
      apiUrl: config.apiUrl,
      apiKey: config.apiKey,
      authToken: config.authToken,
      fetch: config.fetch,
      createTimeoutMs: config.timeouts.createMs,
      confirmTimeoutMs: config.timeouts.confirmMs,
    }),
    log: config.log,
    now: engine.now,
    callbackUrl: `${config.publicUrl}${config.basePath}/callback`,
    nextCheck: (at) => at + Math.round(checkAfterMs * (1 + Math.random())),
    staleAfterMs: config.timeouts.createMs + 60_000,
  };
}

/** The view of a payout callers and hooks get: no token, the number masked. */
export function info(payout: Payout): PayoutInfo {
  return toPayoutInfo(payout, maskPhone);
}

/** Log fields of a payout: never its token, its number masked. */
export function logFields(payout: Payout): Record<string, unknown> {
  return {
    payoutId: payout.id,
    amount: payout.amount,
    method: payout.method,
    to: maskPhone(payout.beneficiary),
    ...(payout.orderId === null ? {} : { orderId: payout.orderId }),
    ...(payout.refundOf === null ? {} : { refundOf: payout.refundOf }),
  };
}
