interface Entry<T> {
  /** Null while queued behind another task: anyone may still join it. */
  startedAt: number | null;
  promise: Promise<T>;
}

/**
 * Runs at most one task per key at a time and lets callers share it. A caller that needs a result
 * no older than `notBefore` joins the task that is queued or that started at or after that time;
 * otherwise a new task is queued behind the running one, and later callers join that one.
 */
export class Coalescer<T> {
  readonly #latest = new Map<string, Entry<T>>();

  run(key: string, notBefore: number, task: () => Promise<T>, now = Date.now()): Promise<T> {
    const current = this.#latest.get(key);
    if (current && (current.startedAt === null || current.startedAt >= notBefore))
      return current.promise;
    let entry: Entry<T>;
    if (current) {
      entry = { startedAt: null, promise: Promise.resolve() as Promise<never> };
      entry.promise = current.promise.then(noop, noop).then(() => {
        // It starts no earlier than the call that queued it: a safe lower bound for joiners.
        entry.startedAt = now;
        return task();
      });
    } else {
      entry = { startedAt: now, promise: new Promise<T>((resolve) => resolve(task())) };
    }
    this.#latest.set(key, entry);
    const forget = () => {
      if (this.#latest.get(key) === entry) this.#latest.delete(key);
    };
    entry.promise.then(forget, forget);
    return entry.promise;
  }
}

function noop(): void {}
