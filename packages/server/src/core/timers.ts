/**
 * The time source of the engine: its clock and its timers, in one place so that a test can run the
 * whole state machine on simulated time. Leases do not use it: they are timed by the store.
 */
export interface Timers {
  now(): number;
  /** Calls `fn` after `ms`; the timer never keeps the process alive. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export type TimerHandle = { readonly __timer: unique symbol } | object;

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    // Bun and Deno return objects too; only Node's timers keep the process alive without unref.
    const timer: unknown = setTimeout(fn, ms);
    (timer as { unref?: () => void }).unref?.();
    return timer as TimerHandle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as Parameters<typeof clearTimeout>[0]);
  },
};

/** Runs `fn` every `ms` until the returned function is called. */
export function every(timers: Timers, ms: number, fn: () => void): () => void {
  let handle: TimerHandle;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    fn();
    handle = timers.setTimeout(tick, ms);
  };
  handle = timers.setTimeout(tick, ms);
  return () => {
    stopped = true;
    timers.clearTimeout(handle);
  };
}

/** Resolves after `ms`. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, ms));
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleepUnless(timers: Timers, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      timers.clearTimeout(handle);
      reject(signal.reason as Error);
    };
    const handle = timers.setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
