import type { Payout, PayoutHookOutcome, PayoutPatch, PayoutStatus } from "../model/payout.js";
import type { PayoutQuery, PayoutStore, RefundInsert } from "./store.js";

/** The payouts half of a store, as its backend implements it: synchronously or not. */
export type PayoutBackend = {
  [K in keyof PayoutStore]: (
    ...args: Parameters<PayoutStore[K]>
  ) => Awaited<ReturnType<PayoutStore[K]>> | ReturnType<PayoutStore[K]>;
};

/**
 * The `PayoutStore` methods of every built-in store, handed to its payouts backend (a class of
 * its own beside the payments code). Each method is async, so a synchronous backend's throw is a
 * rejection; `guardStore` wraps these like the store's own methods.
 */
export abstract class PayoutDelegation implements PayoutStore {
  protected abstract get payoutBackend(): PayoutBackend;

  async insertPayout(payout: Payout): Promise<boolean> {
    return this.payoutBackend.insertPayout(payout);
  }

  async insertRefund(payout: Payout): Promise<RefundInsert> {
    return this.payoutBackend.insertRefund(payout);
  }

  async releaseRefund(id: string): Promise<boolean> {
    return this.payoutBackend.releaseRefund(id);
  }

  async getPayout(id: string): Promise<Payout | null> {
    return this.payoutBackend.getPayout(id);
  }

  async listPayouts(query?: PayoutQuery): Promise<Payout[]> {
    return this.payoutBackend.listPayouts(query);
  }

  async patchPayout(id: string, fields: PayoutPatch): Promise<void> {
    return this.payoutBackend.patchPayout(id, fields);
  }

  async transitionPayout(
    id: string,
    from: PayoutStatus,
    to: PayoutStatus,
    fields?: PayoutPatch,
    checkCount?: number,
  ): Promise<boolean> {
    return this.payoutBackend.transitionPayout(id, from, to, fields, checkCount);
  }

  async markPayoutForReview(id: string, at: number): Promise<boolean> {
    return this.payoutBackend.markPayoutForReview(id, at);
  }

  async listDuePayouts(now: number, limit: number): Promise<Payout[]> {
    return this.payoutBackend.listDuePayouts(now, limit);
  }

  async claimPayoutHook(id: string, token: string, leaseMs: number): Promise<boolean> {
    return this.payoutBackend.claimPayoutHook(id, token, leaseMs);
  }

  async renewPayoutHook(id: string, token: string, leaseMs: number): Promise<boolean> {
    return this.payoutBackend.renewPayoutHook(id, token, leaseMs);
  }

  async completePayoutHook(id: string, outcome: PayoutHookOutcome): Promise<void> {
    return this.payoutBackend.completePayoutHook(id, outcome);
  }

  async releasePayoutHook(
    id: string,
    token: string,
    error: string,
    retryAfterMs: number,
  ): Promise<void> {
    return this.payoutBackend.releasePayoutHook(id, token, error, retryAfterMs);
  }

  async listUnsettledPayoutHooks(limit: number): Promise<Payout[]> {
    return this.payoutBackend.listUnsettledPayoutHooks(limit);
  }
}
