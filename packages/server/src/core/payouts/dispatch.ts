import type { PayoutCreateResult } from "../../ligdicash/payout-client.js";
import type { Payout, PayoutPatch } from "../../model/payout.js";
import { logFields, type PayoutContext } from "./context.js";

/**
 * The one LigdiCash create call of a `pending` payout this process holds (it inserted it, or won
 * `unknown → pending` for a repeat), and the state its outcome leads to:
 * - `created` → `sent`, token kept;
 * - `refused` on a first create → `failed` with the typed error (LigdiCash surely made nothing);
 *   on a repeat → back to `unknown` (the first create may still have made it);
 * - `exists` (Code07) → `sent`: LigdiCash has it; its callback brings the token if we lack it;
 * - `unknown` → `unknown`: never sent under a new id; resolved by its callback, a later repeat
 *   with the same id, or a person.
 * Every move is a compare-and-set from `pending`: a callback that settled it first wins.
 */
export async function dispatch(
  ctx: PayoutContext,
  payout: Payout,
  settled: (payout: Payout) => void,
): Promise<Payout> {
  const { store, now } = ctx;
  const attempts = payout.attempts + 1;
  const startedAt = now();
  // Counted before the call: a crash mid-call still leaves a trace of it. Stale from the store's
  // clock: the reconciler of any process takes the create over only once it is surely over.
  await store.patchPayout(payout.id, {
    attempts,
    nextCheckAt: (await store.now()) + ctx.staleAfterMs,
    updatedAt: startedAt,
  });
  const result = await ctx.client.createPayout({
    transactionId: payout.id,
    method: payout.method,
    amount: payout.amount,
    customer: payout.beneficiary,
    description: payout.description,
    callbackUrl: ctx.callbackUrl,
    customData: payout.orderId === null ? undefined : { order_id: payout.orderId },
  });
  const at = now();
  const fields = { ...logFields(payout), attempt: attempts };
  const { to, patch } = outcome(result, attempts > 1, at, ctx.nextCheck(at));
  if (await store.transitionPayout(payout.id, "pending", to, patch)) {
    report(ctx, result, to, fields);
  }
  const current = (await store.getPayout(payout.id)) ?? payout;
  if (current.status === "paid" || current.status === "failed") settled(current);
  return current;
}

function outcome(
  result: PayoutCreateResult,
  repeat: boolean,
  at: number,
  nextCheckAt: number,
): { to: "sent" | "failed" | "unknown"; patch: PayoutPatch } {
  if (result.outcome === "created") {
    return {
      to: "sent",
      patch: {
        token: result.token,
        financeId: result.financeId,
        sentAt: at,
        nextCheckAt,
        errorCode: null,
        errorMessage: null,
      },
    };
  }
  const error = { errorCode: result.error.code, errorMessage: result.error.message };
  if (result.outcome === "exists") {
    return { to: "sent", patch: { sentAt: at, nextCheckAt, ...error } };
  }
  if (result.outcome === "refused" && !repeat) {
    return { to: "failed", patch: { settledAt: at, nextCheckAt: null, ...error } };
  }
  return { to: "unknown", patch: { nextCheckAt, lastError: result.error.code, ...error } };
}

function report(
  ctx: PayoutContext,
  result: PayoutCreateResult,
  to: string,
  fields: Record<string, unknown>,
): void {
  const { log } = ctx;
  if (result.outcome === "created") return log.info(fields, "payout sent");
  const details = {
    ...fields,
    code: result.error.code,
    providerCode: result.error.providerCode,
    err: result.error,
  };
  if (result.outcome === "exists") {
    return log.warn(
      details,
      "LigdiCash already has this payout (Code07): it is not sent again; its callback or a confirm settles it",
    );
  }
  if (to === "failed")
    return log.error(details, `LigdiCash refused the payout: ${result.error.message}`);
  log.error(
    details,
    "the payout's outcome is unknown: it is never sent under a new id; its callback, a repeat with the same id (LigdiCash refuses duplicates) or a person resolves it",
  );
}
