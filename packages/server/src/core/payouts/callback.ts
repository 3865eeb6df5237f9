import { payoutCallbackReference } from "../../ligdicash/payout-callback.js";
import { isPayoutId, isSettled, type Payout } from "../../model/payout.js";
import type { PayoutContext } from "./context.js";
import type { Settler } from "./settle.js";

/**
 * A payout callback on the shared `POST /callback` route, recognised before the payin parser: it
 * names the payout at the top level (`transaction_id`) and carries the payout token. A doorbell,
 * like a payin callback: the payout is marked due in the store (durable before the answer), the
 * route answers, and the confirm runs in the background. Resolves false when the body names no
 * payout of ours, so that the payin route reads it.
 */
export async function receivePayoutCallback(
  ctx: PayoutContext,
  settler: Settler,
  notify: (payout: Payout) => void,
  body: unknown,
): Promise<boolean> {
  const reference = payoutCallbackReference(body);
  if (reference === null || !isPayoutId(reference.transactionId)) return false;
  const { store, engine, log } = ctx;
  const arrivedAt = ctx.now();
  const payout = await store.getPayout(reference.transactionId);
  if (payout === null) return false;
  log.debug({ payoutId: payout.id }, "payout callback received");
  if (isSettled(payout.status)) {
    notify(payout);
    return true;
  }
  // A pending payout's create is under way (the reconciler would take "due" for a crash), and a
  // payout left for review stays off the list: both are confirmed now all the same.
  const markDue = payout.status !== "pending" && payout.reviewAt === null;
  if (markDue && (payout.nextCheckAt === null || payout.nextCheckAt > arrivedAt)) {
    await store.patchPayout(payout.id, { nextCheckAt: arrivedAt, updatedAt: arrivedAt });
  }
  engine.background("payout confirm after a callback", () =>
    settler.check(payout, "callback", reference.token),
  );
  return true;
}
