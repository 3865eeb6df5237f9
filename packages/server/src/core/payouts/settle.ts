import type { PayoutConfirmation } from "../../ligdicash/payout-client.js";
import { isSettled, type Payout, type PayoutPatch } from "../../model/payout.js";
import { Coalescer } from "../coalesce.js";
import { toLigdicashError } from "../errors.js";
import { sleep } from "../timers.js";
import { logFields, type PayoutContext } from "./context.js";

/** Who asked for a payout confirm: its callback or the reconciler. */
export type PayoutCheckSource = "callback" | "reconcile";

export interface Settler {
  /**
   * Confirms a payout with LigdiCash and moves it by compare-and-set when LigdiCash's word is
   * final; resolves the payout as stored after. `callbackToken` is the unverified token a
   * callback carried: used only for a payout whose own token never came back, and believed only
   * if LigdiCash's answer names this payout.
   */
  check(payout: Payout, source: PayoutCheckSource, callbackToken?: string | null): Promise<Payout>;
}

/**
 * Payout confirms: on the method's own endpoint, shared by concurrent callers in this process and
 * spaced by `recheckIntervalMs` whoever asks (anyone can post a callback; LigdiCash rate-limits
 * the key).
 */
export function createSettler(ctx: PayoutContext, settled: (payout: Payout) => void): Settler {
  const { store, log, now, engine } = ctx;
  const confirms = new Coalescer<Payout>(now);
  // When this process last began a confirm of each payout. Callbacks carrying different tokens
  // do not share a confirm, and a forged one saves no `checkedAt`: without this, a burst of
  // forged callbacks naming a payout would make as many confirm calls at once.
  const started = new Map<string, number>();

  async function confirmAndMove(
    payout: Payout,
    source: PayoutCheckSource,
    callbackToken: string | null,
  ): Promise<Payout> {
    const token = payout.token ?? callbackToken;
    const fields = logFields(payout);
    const at = now();
    const later: PayoutPatch = { checkedAt: at, nextCheckAt: ctx.nextCheck(at), updatedAt: at };
    if (token === null) {
      // Nothing to confirm with: the callback (it carries the token) or the reconciler moves it.
      if (source === "reconcile") await store.patchPayout(payout.id, later);
      return payout;
    }
    const borrowed = payout.token === null;
    let answer: PayoutConfirmation;
    try {
      answer = await ctx.client.confirmPayout(token, payout.method);
    } catch (cause) {
      const error = toLigdicashError(cause);
      log.warn(
        { ...fields, code: error.code, err: error },
        "payout confirm failed; it stays as it is",
      );
      // A callback's token that LigdiCash refuses (or could not be asked about) is no news of
      // this payout: recorded, it would put off the reconciler's repeat, and a forged callback
      // every half minute would hold an `unknown` payout off it for good.
      if (!borrowed) await store.patchPayout(payout.id, { ...later, lastError: error.code });
      return payout;
    }
    if (answer.transactionId !== payout.id && (borrowed || answer.transactionId !== null)) {
      // A stored token naming another payout is a fault to review; a callback's is a forgery.
      const message = borrowed
        ? "a payout callback carried a token LigdiCash does not confirm for this payout: ignored"
        : "LigdiCash confirms this payout's token for another transaction id: it needs review";
      log[borrowed ? "warn" : "error"]({ ...fields, named: answer.transactionId }, message);
      if (!borrowed) await store.patchPayout(payout.id, later);
      return payout;
    }
    if (answer.amount !== null && answer.amount !== payout.amount) {
      log.error(
        { ...fields, confirmed: answer.amount },
        "LigdiCash confirms another amount for this payout: it needs review",
      );
      await store.patchPayout(payout.id, { ...later, lastError: "amount_mismatch" });
      return payout;
    }
    const learned: PayoutPatch = {
      ...later,
      token,
      operator: answer.operatorName ?? payout.operator,
    };
    if (answer.status === "pending") {
      // LigdiCash has it: a payout whose create went unanswered is now known to be sent.
      if (payout.status === "sent") await store.patchPayout(payout.id, learned);
      else
        await store.transitionPayout(payout.id, payout.status, "sent", { ...learned, sentAt: at });
      return (await store.getPayout(payout.id)) ?? payout;
    }
    const declined = answer.status === "failed";
    const won = await store.transitionPayout(payout.id, payout.status, answer.status, {
      ...learned,
      nextCheckAt: null,
      settledAt: at,
      ...(declined
        ? {
            errorCode: "LIGDICASH_PAYOUT_DECLINED",
            errorMessage:
              "LigdiCash reports the payout as not completed: the amount went back to the merchant's balance.",
          }
        : { errorCode: null, errorMessage: null }),
    });
    if (won) log.info({ ...fields, status: answer.status, source }, `payout ${answer.status}`);
    const current = (await store.getPayout(payout.id)) ?? payout;
    if (isSettled(current.status)) settled(current);
    return current;
  }

  async function spaced(
    id: string,
    fallback: Payout,
    source: PayoutCheckSource,
    callbackToken: string | null,
    begin: () => void,
  ): Promise<Payout> {
    const interval = engine.config.recheckIntervalMs;
    let fresh = (await store.getPayout(id)) ?? fallback;
    for (;;) {
      const last = Math.max(
        fresh.checkedAt ?? Number.NEGATIVE_INFINITY,
        started.get(id) ?? Number.NEGATIVE_INFINITY,
      );
      const wait = last + interval - now();
      if (isSettled(fresh.status) || wait <= 0) break;
      await sleep(engine.timers, wait);
      fresh = (await store.getPayout(id)) ?? fresh;
    }
    begin();
    if (isSettled(fresh.status)) {
      settled(fresh);
      return fresh;
    }
    remember(id, now(), interval);
    return confirmAndMove(fresh, source, callbackToken);
  }

  /** Records a confirm's start; entries older than the interval no longer matter. */
  function remember(id: string, at: number, interval: number): void {
    for (const [key, time] of started) if (time + interval <= at) started.delete(key);
    started.set(id, at);
  }

  return {
    // A callback's token is a lead of its own while the payout has none: it never joins a confirm
    // made without it. Once the payout has its token, a callback's is not used: every caller
    // shares one confirm (a burst of forged callbacks queues nothing more).
    check: (payout, source, callbackToken = null) =>
      confirms.run(
        callbackToken === null || payout.token !== null
          ? payout.id
          : `${payout.id}\u0000${callbackToken}`,
        now(),
        (begin) => spaced(payout.id, payout, source, callbackToken, begin),
      ),
  };
}
