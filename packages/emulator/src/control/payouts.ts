import type { EmulatorCore } from "../core.js";
import { UnknownPayoutError } from "../payouts/desk.js";
import { toPublicPayout } from "../payouts/record.js";
import type { InvoiceStatus } from "../types.js";

/**
 * The payout part of the control API; `undefined` when the route is not a payout route.
 *
 * - `GET payouts`, `GET payout-callbacks`, `GET balances`
 * - `POST payouts/:idOrToken/settle {"status"}`
 * - `POST balances/:operatorId/fund {"amount"}`, `POST balances/:operatorId/set {"balance"}`
 * - `POST wallet-accounts/:customer {"registered"}`
 */
export async function payoutControl(
  core: EmulatorCore,
  method: string,
  route: string[],
  body: () => Promise<Record<string, unknown>>,
): Promise<unknown> {
  const [resource, id, action] = route;
  const { payouts } = core;
  if (method === "GET" && route.length === 1) {
    if (resource === "payouts") return payouts.book.list();
    if (resource === "payout-callbacks") return core.dispatcher.payoutDeliveries();
    if (resource === "balances") return payouts.balances.list();
    return undefined;
  }
  if (method !== "POST" || id === undefined) return undefined;
  if (resource === "payouts" && action === "settle" && route.length === 3) {
    const record = payouts.book.find(id);
    if (!record) throw new UnknownPayoutError(id);
    const { status } = await body();
    await payouts.settle(record.id, status as InvoiceStatus);
    return { payout: toPublicPayout(record) };
  }
  if (resource === "balances" && route.length === 3 && (action === "fund" || action === "set")) {
    const input = await body();
    if (action === "fund") payouts.balances.credit(id, input.amount as number);
    else payouts.balances.set(id, input.balance as number | null);
    return { operatorId: id, balance: payouts.balances.get(id) };
  }
  if (resource === "wallet-accounts" && route.length === 2) {
    const { registered } = await body();
    payouts.setWalletAccount(id, registered as boolean);
    return { customer: id, registered };
  }
  return undefined;
}
