/**
 * Runs at most one task per key at a time and lets callers share it. A caller that needs a result
 * no older than `notBefore` joins the running task if it started at or after that time; otherwise a
 * new task is queued behind it, and later callers join that one.
 */
export class Coalescer<T> {
  readonly #running = new Map<string, { startedAt: number; promise: Promise<T> }>();

  run(key: string, notBefore: number, task: () => Promise<T>, now = Date.now()): Promise<T> {
    const current = this.#running.get(key);
    if (current && current.startedAt >= notBefore) return current.promise;
    const previous = current?.promise.then(noop, noop) ?? Promise.resolve();
    const entry = { startedAt: now, promise: previous.then(task) };
    this.#running.set(key, entry);
    const forget = () => {
      if (this.#running.get(key) === entry) this.#running.delete(key);
    };
    entry.promise.then(forget, forget);
    return entry.promise;
  }
}

function noop(): void {}
