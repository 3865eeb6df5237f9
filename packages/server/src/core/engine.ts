import {
  createLigdicashClient,
  type Confirmation,
  type LigdicashClient,
} from "../ligdicash/client.js";
import type { FailureReason, Payment, PaymentStatus } from "../model/payment.js";
import { createChangeFeed, type ChangeFeed } from "./change-feed.js";
import { Coalescer } from "./coalesce.js";
import type { Config } from "./config.js";
import { toLigdicashError, type LigdicashError } from "./errors.js";
import { createFulfiller } from "./fulfil.js";
import { createHookRunner, type HookRunner } from "./hook-runner.js";
import { nextCheck, type CheckSource } from "./schedule.js";
import { BackgroundTasks } from "./tasks.js";
import { sleep, sleepUnless, systemTimers, type Timers } from "./timers.js";

/**
 * The payment state machine: re-confirm with LigdiCash, move `pending → paid | failed` by
 * compare-and-set, then run the shop's hook once. Routes and the reconciler only call into this.
 */
export interface Engine<Context = unknown> {
  config: Config<Context>;
  client: LigdicashClient;
  now: () => number;
  /** The engine's clock and timers (the system's, or simulated ones in tests). */
  timers: Timers;
  /** Work carried on after a route answered (confirms behind callbacks, hooks). */
  tasks: BackgroundTasks;
  /** Where waiting status requests hear of status changes. */
  changes: ChangeFeed;
  /** The lease-holding hook runner payments and payouts share. */
  hooks: HookRunner;
  /**
   * Re-confirms a pending payment (sharing calls made since `notBefore`) and settles it; the hook
   * of a payment it settles runs in the background. `source` says who asked: only the
   * reconciler's own checks back its schedule off.
   */
  refresh(payment: Payment, notBefore: number, source: CheckSource): Promise<PaymentStatus>;
  /** Runs the hook a terminal payment is due, unless done or running elsewhere; resolves when it ran. */
  fulfil(payment: Payment): Promise<void>;
  /** Aborts the AbortSignal of every hook running in this process. */
  abortHooks(reason: string): void;
  /** Runs `task` after the route answered, tracked for `close()`; its failure is logged. */
  background(what: string, task: () => Promise<unknown>): void;
}

export function createEngine<Context>(
  config: Config<Context>,
  time: Timers | (() => number) = systemTimers,
): Engine<Context> {
  const { storage: store, log } = config;
  const timers = typeof time === "function" ? { ...systemTimers, now: time } : time;
  const now = () => timers.now();
  const client = createLigdicashClient({
    apiUrl: config.apiUrl,
    apiKey: config.apiKey,
    authToken: config.authToken,
    fetch: config.fetch,
    createTimeoutMs: config.timeouts.createMs,
    confirmTimeoutMs: config.timeouts.confirmMs,
    now,
    delay: (ms, signal) => sleepUnless(timers, ms, signal),
  });
  const confirms = new Coalescer<PaymentStatus>(now);
  const tasks = new BackgroundTasks();
  const changes = createChangeFeed(store);
  const { hookLeaseMs, hookTimeoutMs, firstCheckAfterMs, maxBackoffMs } = config.reconcile;
  const hooks = createHookRunner({
    log,
    timers,
    leaseMs: hookLeaseMs,
    timeoutMs: hookTimeoutMs,
    // Hooks are retried on the same schedule as re-checks: firstCheckAfterMs, doubling, capped.
    retryDelay: (attempts) =>
      Math.min(firstCheckAfterMs * 2 ** Math.min(attempts, 20), maxBackoffMs),
  });
  const fulfiller = createFulfiller(config, hooks);

  /** Records a confirm that settled nothing, and when the reconciler should try again. */
  async function stayPending(
    payment: Payment,
    source: CheckSource,
    error?: LigdicashError,
    lastError = error?.code,
  ): Promise<"pending"> {
    const at = now();
    const reconciled = source === "reconcile" && error === undefined;
    const nextCheckAt = nextCheck(config.reconcile, { payment, source, at, error });
    if (error !== undefined) {
      log.warn(
        {
          paymentId: payment.id,
          orderId: payment.orderId,
          code: error.code,
          providerCode: error.providerCode,
          err: error,
          nextCheckAt: new Date(nextCheckAt).toISOString(),
        },
        "confirm failed; the payment stays pending and is checked again at nextCheckAt",
      );
    }
    await store.patch(payment.id, {
      checkedAt: at,
      checkCount: payment.checkCount + (reconciled ? 1 : 0),
      nextCheckAt,
      updatedAt: at,
      ...(lastError === undefined ? {} : { lastError }),
    });
    return "pending";
  }

  async function confirmAndSettle(payment: Payment, source: CheckSource): Promise<PaymentStatus> {
    const token = payment.invoiceToken;
    if (token === null) return payment.status;
    let confirmation: Confirmation;
    try {
      confirmation = await client.confirmInvoice(token);
    } catch (cause) {
      return stayPending(payment, source, toLigdicashError(cause));
    }
    if (confirmation.status === "pending") return stayPending(payment, source);
    if (confirmation.status === "paid" && confirmation.amount === null) {
      // Completed but without an amount: nothing to check it against. Not definitive either way.
      log.error(
        { paymentId: payment.id, orderId: payment.orderId },
        "LigdiCash confirmed the payment without an amount: it stays pending, needs review",
      );
      return stayPending(payment, "reconcile", undefined, "LIGDICASH_BAD_RESPONSE");
    }
    const at = now();
    const reason = confirmation.status === "failed" ? "declined" : mismatch(payment, confirmation);
    const target: PaymentStatus = reason === null ? "paid" : "failed";
    const won = await store.transition(payment.id, "pending", target, {
      checkedAt: at,
      updatedAt: at,
      nextCheckAt: null,
      failureReason: reason,
      operator: confirmation.operator,
      payer: confirmation.customer,
    });
    if (won) {
      changes.transitioned(payment.orderId);
      const details = {
        paymentId: payment.id,
        orderId: payment.orderId,
        amount: confirmation.amount,
      };
      if (reason === "amount_mismatch" || reason === "transaction_mismatch") {
        log.error(
          { ...details, expected: payment.amount, currency: confirmation.currency, reason },
          "LigdiCash confirmed a payment that does not match: it is not fulfilled",
        );
      } else {
        log.info({ ...details, status: target }, `payment ${target}`);
      }
    }
    const current = await store.get(payment.id);
    if (current && current.status !== "pending") {
      background("payment hook", () => fulfiller.fulfil(current));
    }
    return current?.status ?? target;
  }

  /**
   * Confirms calls for one payment are spaced by `recheckIntervalMs` (from the last one, in any
   * process): anyone can post a callback, and LigdiCash rate-limits the shop's key. A caller that
   * must wait is not dropped; it gets the next confirm.
   */
  async function spacedConfirm(
    id: string,
    fallback: Payment,
    notBefore: number,
    source: CheckSource,
    begin: () => void,
  ): Promise<PaymentStatus> {
    let fresh = (await store.get(id)) ?? fallback;
    // A poll that read the payment before another confirm (in any process) was saved: that
    // confirm is as fresh as the poll asked for. A callback is news, and always gets its own.
    if (source === "poll" && fresh.checkedAt !== null && fresh.checkedAt > notBefore) {
      begin();
      return fresh.status;
    }
    const wait = (fresh.checkedAt ?? Number.NEGATIVE_INFINITY) + config.recheckIntervalMs - now();
    if (fresh.status === "pending" && wait > 0) {
      await sleep(timers, wait);
      fresh = (await store.get(id)) ?? fresh;
    }
    // Callers that arrived during the wait share this confirm: it starts only now.
    begin();
    // Another process may have settled it since the caller read it.
    return fresh.status === "pending" ? confirmAndSettle(fresh, source) : fresh.status;
  }

  function background(what: string, task: () => Promise<unknown>): void {
    tasks.run(task).catch((error: unknown) => log.error({ err: error }, `${what} failed`));
  }

  return {
    config,
    client,
    now,
    timers,
    tasks,
    changes,
    hooks,
    background,
    fulfil: (payment) => tasks.run(() => fulfiller.fulfil(payment)),
    abortHooks: (reason) => hooks.abortAll(reason),
    refresh: (payment, notBefore, source) =>
      confirms.run(payment.id, notBefore, (begin) =>
        spacedConfirm(payment.id, payment, notBefore, source, begin),
      ),
  };
}

/** Why a `completed` confirmation must not pay this payment, or null when everything matches. */
function mismatch(payment: Payment, confirmation: Confirmation): FailureReason | null {
  if (confirmation.amount !== payment.amount) return "amount_mismatch";
  if (confirmation.currency !== null && confirmation.currency.toUpperCase() !== payment.currency) {
    return "amount_mismatch";
  }
  if (confirmation.transactionId !== null && confirmation.transactionId !== payment.id) {
    return "transaction_mismatch";
  }
  return null;
}
