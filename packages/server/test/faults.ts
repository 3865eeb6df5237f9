import { expect } from "vitest";
import type { Logger } from "../src/core/logger.js";
import { PAYOUT_STORE_METHODS, type PaymentStore } from "../src/storage/store.js";

/** A logger that keeps what it is given and lets a test wait for the next warning. */
export function recordingLogger() {
  const lines: Array<{ level: string; message: string; object: Record<string, unknown> }> = [];
  let waiters: Array<() => void> = [];
  const record = (level: string) => (object: Record<string, unknown>, message?: string) => {
    lines.push({ level, message: message ?? "", object });
    if (level === "warn") {
      for (const wake of waiters) wake();
      waiters = [];
    }
  };
  const logger: Logger = {
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
  };
  return {
    logger,
    lines,
    warnings: () => lines.filter((line) => line.level === "warn"),
    nextWarning: () => new Promise<void>((resolve) => waiters.push(resolve)),
  };
}

/** Runs `call` and says how long it took to settle, and how. */
export async function timed<T>(
  call: () => Promise<T>,
): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await call();
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

/**
 * Whether `promise` settles before any I/O callback could run: a call refused "at once" does;
 * one that went to the network does not.
 */
export function settledAtOnce(promise: Promise<unknown>): Promise<boolean> {
  const settled = promise.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, new Promise<boolean>((resolve) => setImmediate(resolve, false))]);
}

const CONTRACT = [
  "insert",
  "get",
  "listByOrder",
  "patch",
  "transition",
  "claimOrder",
  "claimFulfilment",
  "renewFulfilment",
  "completeFulfilment",
  "releaseFulfilment",
  "listDuePending",
  "listUnfulfilled",
  // The payouts part: the guard wraps these too (they come from PayoutDelegation).
  ...PAYOUT_STORE_METHODS,
];

/**
 * Closes `store` twice (the second close is a no-op), then calls every method it has: each must
 * reject at once with the "store is closed" error (`watch` only returns a no-op). Resolves the
 * names of the methods called.
 */
export async function expectRefusedAfterClose(store: PaymentStore): Promise<string[]> {
  await store.close?.();
  await store.close?.();
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(store) as object; p !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const value = Object.getOwnPropertyDescriptor(p, name)?.value as unknown;
      if (!["constructor", "close", "watch"].includes(name) && typeof value === "function")
        names.add(name);
    }
    p = Object.getPrototypeOf(p) as object;
  }
  expect([...names]).toEqual(expect.arrayContaining(CONTRACT));
  // `watch` only registers a listener: after close it registers nothing, and does not throw.
  if (store.watch) expect(store.watch(() => {})).toBeTypeOf("function");
  const methods = store as unknown as Record<string, () => Promise<unknown>>;
  for (const name of names) {
    const call = methods[name]!.call(store);
    expect(await settledAtOnce(call), `${name} settles at once`).toBe(true);
    await expect(call, name).rejects.toMatchObject({
      code: "STORE_UNAVAILABLE",
      message: expect.stringMatching(/store is closed/) as unknown,
    });
  }
  return [...names];
}
