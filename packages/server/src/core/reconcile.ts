import type { Engine } from "./engine.js";
import type { PayoutReconcileReport } from "./payouts/index.js";
import { every } from "./timers.js";

/** The payouts' part of a pass, when the kit has payouts. */
type PayoutPass = (at: number) => Promise<PayoutReconcileReport>;

/** What one reconciliation pass did. */
export interface ReconcileReport {
  /** Pending payments re-confirmed with LigdiCash. */
  checked: number;
  paid: number;
  failed: number;
  /** Terminal payments whose hook was (re)started; it runs on after the pass (see `idle()`). */
  hooksRetried: number;
  /** What the pass did for payouts. */
  payouts?: PayoutReconcileReport;
}

const BATCH = 100;

/**
 * One pass of the reconciler: re-confirms pending payments that are due (lost callbacks, crashes,
 * LigdiCash outages) and retries hooks that did not complete; then does the same for payouts
 * (see `reconcilePayouts`). Safe to run in every process at once.
 */
export async function reconcile<C>(
  engine: Engine<C>,
  options: { now?: number; payouts?: PayoutPass | undefined } = {},
): Promise<ReconcileReport> {
  const { storage: store, reconcile: settings } = engine.config;
  const at = options.now ?? engine.now();
  const report: ReconcileReport = { checked: 0, paid: 0, failed: 0, hooksRetried: 0 };
  for (const payment of await store.listDuePending(at, at - settings.giveUpAfterMs, BATCH)) {
    const status = await engine.refresh(payment, at, "reconcile");
    report.checked += 1;
    if (status === "paid") report.paid += 1;
    if (status === "failed") report.failed += 1;
  }
  for (const payment of await store.listUnfulfilled(BATCH)) {
    // Started, not awaited: a hook holds its lease for as long as it runs, so one slow or hung
    // hook must not hold up this pass and, through it, every pass after it (`idle()` waits).
    engine.background("payment hook", () => engine.fulfil(payment));
    report.hooksRetried += 1;
  }
  if (options.payouts) report.payouts = await options.payouts(at);
  return report;
}

/** A running background reconciler. */
export interface Reconciler {
  stop(): Promise<void>;
}

/**
 * Runs `reconcile` every `intervalMs` (default 60 s) without overlapping passes, until stopped.
 * The timer does not keep the process alive.
 */
export function startReconciler<C>(
  engine: Engine<C>,
  options: { intervalMs?: number; payouts?: PayoutPass | undefined } = {},
): Reconciler {
  const intervalMs = options.intervalMs ?? 60_000;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = reconcile(engine, { payouts: options.payouts })
      .catch((error: unknown) =>
        engine.config.log.error({ err: error }, "reconciliation pass failed"),
      )
      .finally(() => {
        busy = false;
      });
  };
  const stopTicking = every(engine.timers, intervalMs, tick);
  return {
    stop: async () => {
      stopTicking();
      await running;
    },
  };
}
