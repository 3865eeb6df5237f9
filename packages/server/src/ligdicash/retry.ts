import { delay } from "./http.js";

export interface RetryOptions {
  /** Shared deadline of every try and wait: once it aborts, the last error is thrown. */
  signal: AbortSignal;
  /** Extra tries after the first. */
  retries: number;
  /** Whether an error is worth another try. */
  retryable: (error: unknown) => boolean;
}

/**
 * Runs `call` until it succeeds, throws an error `retryable` turns down, or the retries or the
 * deadline run out, waiting a full-jitter exponential backoff (0–200 ms, then 0–400 ms, …) between
 * tries. For idempotent calls only: a confirm, never a create.
 */
export async function withRetries<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!options.retryable(error) || attempt >= options.retries || options.signal.aborted) {
        throw error;
      }
      await delay(Math.random() * 200 * 2 ** attempt, options.signal).catch(() => {
        throw error;
      });
    }
  }
}
