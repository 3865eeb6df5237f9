interface Entry<T> {
  /** Null until the task says its real work began: until then anyone may join it. */
  startedAt: number | null;
  promise: Promise<T>;
}

/**
 * Runs at most one task per key at a time and lets callers share it. A caller that needs a result
 * no older than `notBefore` joins the task that has not begun its work yet, or began at or after
 * that time; otherwise a new task is queued behind the current one, and later callers join that.
 * A task calls `begin()` when its real work starts (after any wait of its own).
 */
export class Coalescer<T> {
  readonly #latest = new Map<string, Entry<T>>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  run(key: string, notBefore: number, task: (begin: () => void) => Promise<T>): Promise<T> {
    const current = this.#latest.get(key);
    if (current && (current.startedAt === null || current.startedAt >= notBefore)) {
      return current.promise;
    }
    const entry: Entry<T> = { startedAt: null, promise: Promise.resolve() as Promise<never> };
    const begin = () => {
      entry.startedAt ??= this.#now();
    };
    const previous = current?.promise.then(noop, noop) ?? Promise.resolve();
    entry.promise = previous.then(() => task(begin)).finally(begin);
    this.#latest.set(key, entry);
    const forget = () => {
      if (this.#latest.get(key) === entry) this.#latest.delete(key);
    };
    entry.promise.then(forget, forget);
    return entry.promise;
  }
}

function noop(): void {}
