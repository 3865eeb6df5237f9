import type { CallbackRetryOptions } from "../types.js";

export type RetryPolicy = Required<CallbackRetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15_000,
  timeoutMs: 5000,
};

/** Fills in and checks retry options; throws a TypeError naming the bad field. */
export function resolveRetry(options: CallbackRetryOptions = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY, ...stripUndefined(options) };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) {
    throw new TypeError("callbackRetry.attempts must be an integer >= 1");
  }
  for (const key of ["baseDelayMs", "maxDelayMs", "timeoutMs"] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0) {
      throw new TypeError(`callbackRetry.${key} must be a number >= 0`);
    }
  }
  return policy;
}

/** Wait before try `attempt + 1`, after try `attempt` failed: exponential, capped. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
