import { randomToken } from "../model/payment.js";
import type { SafeLogger } from "./logger.js";
import { every, sleep, type Timers } from "./timers.js";

/**
 * The lease on one record's hook, as its store offers it (payments: `claimFulfilment` and the
 * rest; payouts: `claimPayoutHook` and the rest). Timed by the store's clock.
 */
export interface HookLease<Outcome extends string> {
  claim(token: string, leaseMs: number): Promise<boolean>;
  renew(token: string, leaseMs: number): Promise<boolean>;
  release(token: string, error: string, retryAfterMs: number): Promise<void>;
  complete(outcome: Outcome): Promise<void>;
}

/** One shop hook to run for one record, as its domain planned it. */
export interface HookJob<Outcome extends string> {
  /** The hook's name, for logs (`onPaid`, `onPayoutFailed`…); null when none is due. */
  name: string | null;
  /** The shop's hook, bound to its record; undefined when the shop set none. */
  call: ((signal: AbortSignal) => unknown) | undefined;
  /** What completion records after the hook ran, and when no hook was set. */
  outcome: Outcome;
  skipped: Outcome;
  /** Failed runs so far: the retry backoff grows with them. */
  failedAttempts: number;
  /** Fields every log line of this run carries. */
  context: Record<string, unknown>;
  /** Work done once the lease is won, before the hook (a log line, a refund's release). */
  start?: (() => Promise<void> | void) | undefined;
}

/** Runs shop hooks under a lease: never two runs of one record's hook at once, anywhere. */
export interface HookRunner {
  /**
   * Plans and runs `key`'s hook if this caller wins the lease; resolves once it ran (or was not
   * this caller's to run). A call for a key whose hook already runs in this process joins it.
   */
  run<Outcome extends string>(
    key: string,
    lease: HookLease<Outcome>,
    plan: () => Promise<HookJob<Outcome> | null>,
  ): Promise<void>;
  /** Aborts the signal of every hook running here (shutdown gave up waiting for them). */
  abortAll(reason: string): void;
}

export interface HookSettings {
  log: SafeLogger;
  timers: Timers;
  leaseMs: number;
  timeoutMs: number;
  /** How long after its `attempts`-th failure a hook may run again. */
  retryDelay: (attempts: number) => number;
}

/**
 * The hook runner payments and payouts share. The holder renews its lease until the hook's
 * promise settles, however long that takes: a hook never runs beside itself. Past `timeoutMs` its
 * AbortSignal fires and an error is logged; a hook that throws is retried later, with backoff;
 * a hook that ran has its completion saved, retried, since it would run again otherwise.
 */
export function createHookRunner(settings: HookSettings): HookRunner {
  const { log, timers, leaseMs, timeoutMs } = settings;
  const running = new Map<string, { promise: Promise<void>; controller: AbortController }>();

  async function runHeld<O extends string>(
    lease: HookLease<O>,
    job: HookJob<O>,
    token: string,
    controller: AbortController,
  ): Promise<void> {
    const { context, name } = job;
    const stopRenewing = every(timers, Math.max(250, Math.floor(leaseMs / 3)), () => {
      lease.renew(token, leaseMs).then(
        (held) => held || log.warn(context, "lost the hook lease while the hook was running"),
        (error: unknown) => log.warn({ ...context, err: error }, "could not renew the hook lease"),
      );
    });
    const alarm = timers.setTimeout(() => {
      controller.abort(new Error(`${name} did not finish within ${timeoutMs} ms`));
      log.error(
        { ...context, hook: name, timeoutMs },
        `${name} is still running after ${timeoutMs} ms: its AbortSignal fired; it is not started again while it runs`,
      );
    }, timeoutMs);
    try {
      await job.start?.();
      if (job.call) await job.call(controller.signal);
    } catch (cause) {
      const error = cause instanceof Error ? cause : new Error(String(cause));
      const retryInMs = settings.retryDelay(job.failedAttempts);
      const retryAt = new Date(timers.now() + retryInMs).toISOString();
      log.error(
        { ...context, hook: name, err: error, retryAt },
        `${name} failed; it will be retried`,
      );
      await lease
        .release(token, error.message.slice(0, 500), retryInMs)
        .catch((e: unknown) =>
          log.warn({ ...context, err: e }, "could not record the hook failure"),
        );
      return;
    } finally {
      timers.clearTimeout(alarm);
      stopRenewing();
    }
    await completeWithRetries(lease, job.call ? job.outcome : job.skipped, context);
  }

  async function completeWithRetries<O extends string>(
    lease: HookLease<O>,
    outcome: O,
    context: Record<string, unknown>,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await lease.complete(outcome);
      } catch (error) {
        if (attempt >= 3) {
          log.error(
            { ...context, err: error },
            "the hook ran but its completion could not be saved: it may run again once its lease expires",
          );
          return;
        }
        await sleep(timers, 200 * 2 ** attempt);
      }
    }
  }

  return {
    async run(key, lease, plan) {
      const current = running.get(key);
      if (current) return current.promise;
      const job = await plan();
      if (job === null) return;
      const token = randomToken(12);
      if (!(await lease.claim(token, leaseMs))) return;
      const controller = new AbortController();
      const promise = runHeld(lease, job, token, controller).finally(() => running.delete(key));
      running.set(key, { promise, controller });
      return promise;
    },
    abortAll(reason) {
      for (const { controller } of running.values()) controller.abort(new Error(reason));
    },
  };
}
