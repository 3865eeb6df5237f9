/** Every call of the kit's PostgreSQL and Redis stores gives up after this long, connecting included. */
export const DEFAULT_STORE_TIMEOUT_MS = 2_000;

/**
 * Settles like `work`, or rejects with `onTimeout()` once `ms` have passed, whichever comes first.
 * The timer is cleared as soon as `work` settles, so a finished call leaves nothing behind.
 *
 * @example
 * await withDeadline(pool.query(sql), 2_000, () => new Error("PostgreSQL did not answer"));
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** Checks a `timeoutMs` option: a positive, finite number of milliseconds. */
export function timeoutOption(value: number | undefined): number {
  const ms = value ?? DEFAULT_STORE_TIMEOUT_MS;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(`timeoutMs must be a positive number of milliseconds (got ${String(value)})`);
  }
  return ms;
}
