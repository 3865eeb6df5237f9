import { newPayout, type Payout, type PayoutInfo } from "../../model/payout.js";
import { normalisePhone } from "../../payouts/phone.js";
import { LigdicashError } from "../errors.js";
import { sleep } from "../timers.js";
import { info, type PayoutContext } from "./context.js";
import { dispatch } from "./dispatch.js";
import { parseSendInput } from "./input.js";

/** Starts payouts and answers repeats of the same id. */
export interface Sender {
  send(input: unknown): Promise<PayoutInfo>;
  /**
   * Creates a payout just stored (`insertPayout` or `insertRefund` said this caller saved it) or
   * moved back to `pending` for a repeat; other callers for its id here join it.
   */
  start(payout: Payout): Promise<Payout>;
  /** The stored payout with this id, once no create is under way for it (bounded wait). */
  outcomeOf(id: string): Promise<Payout>;
}

/**
 * `payouts.send`: checks the input, stores the payout before LigdiCash hears of it, and lets only
 * the caller that stored it call create. Insert-if-absent in the store makes the id idempotent
 * across processes: a repeat (here or in another process) gets the same payout, after waiting a
 * bounded time for the create under way.
 */
export function createSender(
  ctx: PayoutContext,
  settled: (payout: Payout) => void,
  defaultCountry: PayoutContext["engine"]["config"]["payouts"]["defaultCountry"],
): Sender {
  const { store, now, engine } = ctx;
  const inFlight = new Map<string, Promise<Payout>>();

  function start(payout: Payout): Promise<Payout> {
    const promise = engine.tasks
      .run(() => dispatch(ctx, payout, settled))
      .finally(() => inFlight.delete(payout.id));
    inFlight.set(payout.id, promise);
    return promise;
  }

  async function outcomeOf(id: string): Promise<Payout> {
    const here = inFlight.get(id);
    if (here) return here;
    // Another process holds the create: its outcome is saved within the create's deadline.
    const deadline = now() + engine.config.timeouts.createMs + 2_000;
    for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
      const payout = await store.getPayout(id);
      if (!payout) throw new LigdicashError("PAYOUT_NOT_FOUND", `No payout has the id "${id}".`);
      if (payout.status !== "pending" || now() >= deadline) return payout;
      await sleep(engine.timers, wait);
    }
  }

  async function send(raw: unknown): Promise<PayoutInfo> {
    const input = parseSendInput(raw);
    const phone = normalisePhone(input.to, { defaultCountry: input.country ?? defaultCountry });
    const at = now();
    const payout = newPayout({
      ...input,
      beneficiary: phone.number,
      country: phone.country,
      operatorHint: phone.operator?.name ?? null,
      now: at,
      // When the reconciler may take over a create that never reported: on the store's clock,
      // the one every process compares it with.
      staleAt: (await store.now()) + ctx.staleAfterMs,
    });
    if (await store.insertPayout(payout)) return info(await start(payout));
    const existing = await outcomeOf(payout.id);
    assertSameRequest(existing, payout);
    return info(existing);
  }

  return { send, start, outcomeOf };
}

/** A repeated id must name the same payout: another one under a used id is the caller's bug. */
export function assertSameRequest(existing: Payout, wanted: Payout): void {
  const differs: string[] = [];
  if (existing.amount !== wanted.amount) differs.push("amount");
  if (existing.beneficiary !== wanted.beneficiary) differs.push("beneficiary");
  if (existing.method !== wanted.method) differs.push("method");
  if (existing.refundOf !== wanted.refundOf) differs.push("refunded payment");
  if (differs.length === 0) return;
  throw new LigdicashError(
    "PAYOUT_CONFLICT",
    `The payout id "${wanted.id}" was used for another payout (its ${differs.join(", ")} differ): use a new id for a new payout.`,
  );
}
