import { isSettled, type Payout, type PayoutInfo } from "../../model/payout.js";
import { LigdicashError } from "../errors.js";
import { info, logFields, type PayoutContext } from "./context.js";

/**
 * `payouts.resolve(id, "paid" | "failed")`: a person's word on a payout LigdiCash's answers could
 * not settle (`unknown`, or `sent` without an end), after checking the LigdiCash dashboard. It
 * moves by compare-and-set like any other settlement, and the hooks run once, as usual. A
 * `failed` refund gives its amount back to the order.
 */
export function createResolver(
  ctx: Pick<PayoutContext, "store" | "log" | "now">,
  settled: (payout: Payout) => void,
) {
  const { store, log, now } = ctx;
  return async function resolve(id: string, outcome: "paid" | "failed"): Promise<PayoutInfo> {
    if (outcome !== "paid" && outcome !== "failed") {
      throw new LigdicashError("INVALID_REQUEST", 'payouts.resolve takes "paid" or "failed".');
    }
    const payout = await store.getPayout(id);
    if (!payout) throw new LigdicashError("PAYOUT_NOT_FOUND", `No payout has the id "${id}".`);
    if (isSettled(payout.status)) {
      if (payout.status === outcome) return info(payout);
      throw new LigdicashError(
        "PAYOUT_ALREADY_SETTLED",
        `Payout "${id}" is already ${payout.status}: it cannot be resolved as ${outcome}.`,
      );
    }
    // A payout the reconciler left for review while `pending` has no create in flight any more.
    if (payout.status === "pending" && payout.reviewAt === null) {
      throw new LigdicashError(
        "PAYOUT_IN_PROGRESS",
        `Payout "${id}" is being sent now: wait for the create's outcome before resolving it.`,
      );
    }
    const at = now();
    const won = await store.transitionPayout(payout.id, payout.status, outcome, {
      settledAt: at,
      nextCheckAt: null,
      updatedAt: at,
      ...(outcome === "failed"
        ? {
            errorCode: "PAYOUT_FAILED_BY_OPERATOR",
            errorMessage: "Resolved as failed by a person after checking with LigdiCash.",
          }
        : { errorCode: null, errorMessage: null }),
    });
    if (won)
      log.warn({ ...logFields(payout), from: payout.status, outcome }, "payout resolved by hand");
    // It moved meanwhile (a callback, the reconciler): judge it again.
    if (!won) return resolve(id, outcome);
    const current = (await store.getPayout(id)) ?? payout;
    settled(current);
    return info(current);
  };
}
