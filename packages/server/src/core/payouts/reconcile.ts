import type { Payout } from "../../model/payout.js";
import { logFields, type PayoutContext } from "./context.js";
import type { Sender } from "./send.js";
import type { Settler } from "./settle.js";

/** What one pass did for payouts. */
export interface PayoutReconcileReport {
  /** Sent payouts confirmed with LigdiCash. */
  confirmed: number;
  /** Payouts whose create went unanswered, sent again under the same id. */
  repeated: number;
  /** Payouts given up on and logged for a person. */
  leftForReview: number;
  /** Settled payouts whose hook was (re)tried. */
  hooksRetried: number;
}

const BATCH = 100;

/**
 * The payouts' part of a reconciliation pass, safe in every process at once:
 * - `sent` payouts are confirmed (every 1–2 × `checkAfterMs`);
 * - `unknown` ones are created again with the same id (LigdiCash's Code07 guard refuses a
 *   duplicate, which tells us it exists), by the one process that wins `unknown → pending`;
 * - a `pending` one still there long after its create's deadline lost its process: `unknown`;
 * - past `giveUpAfterMs`, a payout is left for review with one error line;
 * - settled payouts whose hook has not completed get it retried.
 */
export async function reconcilePayouts(
  ctx: PayoutContext,
  parts: { sender: Sender; settler: Settler; notify: (payout: Payout) => Promise<void> },
  at: number,
): Promise<PayoutReconcileReport> {
  const { store, log } = ctx;
  const giveUpAfterMs = ctx.engine.config.payouts.giveUpAfterMs;
  const report: PayoutReconcileReport = {
    confirmed: 0,
    repeated: 0,
    leftForReview: 0,
    hooksRetried: 0,
  };
  for (const payout of await store.listDuePayouts(at, BATCH)) {
    if (at - payout.createdAt > giveUpAfterMs) {
      if (await store.markPayoutForReview(payout.id, at)) {
        report.leftForReview += 1;
        log.error(
          { ...logFields(payout), status: payout.status, ageMs: at - payout.createdAt },
          'payout left for review: LigdiCash has not settled it; check the LigdiCash dashboard, then payouts.resolve(id, "paid" | "failed")',
        );
      }
      continue;
    }
    if (payout.status === "sent") {
      await parts.settler.check(payout, "reconcile");
      report.confirmed += 1;
      continue;
    }
    // Every move below names the checkCount it read: a pass acting on an older read (another
    // pass took the payout over since, even back to the same status) loses.
    let checkCount = payout.checkCount;
    if (payout.status === "pending") {
      // Stale by the store's clock, which the create's deadline was set on, not this host's.
      if (payout.nextCheckAt === null || (await store.now()) < payout.nextCheckAt) continue;
      const lost = {
        errorCode: "LIGDICASH_UNAVAILABLE",
        errorMessage: "The process sending this payout stopped before its outcome was saved.",
        checkCount: checkCount + 1,
      };
      if (!(await store.transitionPayout(payout.id, "pending", "unknown", lost, checkCount))) {
        continue;
      }
      checkCount += 1;
      log.warn(logFields(payout), "a payout's sender stopped mid-create: its outcome is unknown");
    }
    // unknown: a repeat with the same id, by the one process that wins the move back to pending.
    // The same move puts the create's deadline ahead, so that no pass sees it stale meanwhile.
    const claim = {
      checkCount: checkCount + 1,
      nextCheckAt: (await store.now()) + ctx.staleAfterMs,
    };
    if (await store.transitionPayout(payout.id, "unknown", "pending", claim, checkCount)) {
      const current = await store.getPayout(payout.id);
      if (current) await parts.sender.start(current);
      report.repeated += 1;
    }
  }
  // Started, not awaited: a hook that hangs must not hold the next passes (payins included).
  for (const payout of await store.listUnsettledPayoutHooks(BATCH)) {
    parts.notify(payout).catch((error: unknown) => {
      log.error({ ...logFields(payout), err: error }, "payout hook failed");
    });
    report.hooksRetried += 1;
  }
  return report;
}
