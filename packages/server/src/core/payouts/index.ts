import type { Payout, PayoutInfo, PayoutStatus } from "../../model/payout.js";
import type { Engine } from "../engine.js";
import { LigdicashError } from "../errors.js";
import { receivePayoutCallback } from "./callback.js";
import { info, payoutContext } from "./context.js";
import { createPayoutHooks } from "./hooks.js";
import type { RefundOptions, SendPayoutInput } from "./input.js";
import { reconcilePayouts, type PayoutReconcileReport } from "./reconcile.js";
import { createRefunder } from "./refund.js";
import { createResolver } from "./resolve.js";
import { createSender } from "./send.js";
import { createSettler } from "./settle.js";

export type { RefundOptions, SendPayoutInput } from "./input.js";
export type { PayoutReconcileReport } from "./reconcile.js";

/** Money out, on the kit: `kit.payouts` and `kit.refund`. */
export interface PayoutsApi {
  /**
   * Sends a payout, exactly once per `id` (across processes): stored first, then created with
   * LigdiCash. Resolves the payout as it stands (check `status`: `failed` carries `error`,
   * `unknown` means LigdiCash may have it; see the README). Throws on invalid input.
   *
   * @example
   * const payout = await kit.payouts.send({ id: "seller-42-2026-05", amount: 25000,
   *   to: "+226 70 00 00 00", method: "mobile_money", description: "May sales" });
   */
  send(input: SendPayoutInput): Promise<PayoutInfo>;
  get(id: string): Promise<PayoutInfo | null>;
  /** Newest first; `limit` default 100. */
  list(query?: { status?: PayoutStatus; orderId?: string; limit?: number }): Promise<PayoutInfo[]>;
  /** A person's verdict on an `unknown` or unsettled `sent` payout, after checking with LigdiCash. */
  resolve(id: string, outcome: "paid" | "failed"): Promise<PayoutInfo>;
}

/** The payouts domain as the kit wires it. */
export interface PayoutsDomain {
  api: PayoutsApi;
  /** Refunds the payer of an order's paid payment (see `RefundOptions`). */
  refund: (orderId: string, options: RefundOptions) => Promise<PayoutInfo>;
  /** Handles the body if it is a payout callback of ours; false lets the payin route read it. */
  receiveCallback: (body: unknown) => Promise<boolean>;
  reconcile: (at: number) => Promise<PayoutReconcileReport>;
}

/** Builds the payouts domain over the engine's store, timers, tasks and hook runner. */
export function createPayouts(engine: Engine<unknown>): PayoutsDomain {
  const ctx = payoutContext(engine);
  if (ctx instanceof LigdicashError) return unavailable(ctx);
  const runHooks = createPayoutHooks(ctx, engine.hooks);
  const notify = (payout: Payout) => runHooks(payout);
  const settledNow = (payout: Payout) => engine.background("payout hook", () => runHooks(payout));
  const sender = createSender(ctx, settledNow, engine.config.payouts.defaultCountry);
  const settler = createSettler(ctx, settledNow);
  const refund = createRefunder(ctx, sender);
  const resolve = createResolver(ctx, settledNow);
  return {
    api: {
      send: (input) => sender.send(input),
      get: async (id) => {
        const payout = await ctx.store.getPayout(id);
        return payout && info(payout);
      },
      list: async (query) => (await ctx.store.listPayouts(query)).map(info),
      resolve,
    },
    refund,
    receiveCallback: (body) => receivePayoutCallback(ctx, settler, settledNow, body),
    reconcile: (at) =>
      reconcilePayouts(
        ctx,
        { sender, settler, notify: (p) => engine.tasks.run(() => notify(p)) },
        at,
      ),
  };
}

/** Every payout call fails with the same reason; payins go on. */
function unavailable(error: LigdicashError): PayoutsDomain {
  const fail = () => Promise.reject(error);
  return {
    api: { send: fail, get: fail, list: fail, resolve: fail },
    refund: fail,
    receiveCallback: () => Promise.resolve(false),
    reconcile: () =>
      Promise.resolve({ confirmed: 0, repeated: 0, leftForReview: 0, hooksRetried: 0 }),
  };
}
