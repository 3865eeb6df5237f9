import type { Payout, PayoutHookOutcome } from "../../model/payout.js";
import type { HookJob, HookLease, HookRunner } from "../hook-runner.js";
import type { PayoutHook } from "../options.js";
import { info, logFields, type PayoutContext } from "./context.js";

/**
 * The payouts' side of the shared hook runner: once a payout is settled, `onRefunded` (a paid
 * refund), `onPayoutPaid` (any other paid payout) or `onPayoutFailed` runs once, under the same
 * lease, timeout and retry rules as `onPaid`. A failed refund first gives its amount back to the
 * payment (atomic and idempotent), so the order can be refunded again.
 */
export function createPayoutHooks(
  ctx: PayoutContext,
  runner: HookRunner,
): (payout: Payout) => Promise<void> {
  const { store, log } = ctx;
  const hooks = ctx.engine.config.hooks;

  function lease(id: string): HookLease<PayoutHookOutcome> {
    return {
      claim: (token, ms) => store.claimPayoutHook(id, token, ms),
      renew: (token, ms) => store.renewPayoutHook(id, token, ms),
      release: (token, error, retryAfterMs) =>
        store.releasePayoutHook(id, token, error, retryAfterMs),
      complete: (outcome) => store.completePayoutHook(id, outcome),
    };
  }

  function job(payout: Payout): Promise<HookJob<PayoutHookOutcome>> {
    const [name, hook]: [string, PayoutHook | undefined] =
      payout.status === "failed"
        ? ["onPayoutFailed", hooks.onPayoutFailed]
        : payout.refundOf === null
          ? ["onPayoutPaid", hooks.onPayoutPaid]
          : ["onRefunded", hooks.onRefunded];
    const context = logFields(payout);
    return Promise.resolve({
      name,
      call: hook && ((signal) => hook(info(payout), { signal })),
      outcome: "done",
      skipped: "skipped",
      failedAttempts: payout.fulfilAttempts,
      context,
      start: async () => {
        if (payout.status !== "failed" || payout.refundOf === null) return;
        if (await store.releaseRefund(payout.id)) {
          log.info(context, "the failed refund's amount can be refunded again");
        }
      },
    });
  }

  return async (payout) => {
    if ((payout.status !== "paid" && payout.status !== "failed") || payout.fulfilment !== null) {
      return;
    }
    await runner.run(`payout:${payout.id}`, lease(payout.id), () => job(payout));
  };
}
