/**
 * Work the kit carries on after it has answered a request (the confirm behind a callback, a hook),
 * tracked so that `close()` can wait for it: a rolling deploy must not close the store under a
 * running `onPaid`. A task's failure is its own business (it logs); here it only ends the task.
 */
export class BackgroundTasks {
  readonly #running = new Set<Promise<unknown>>();
  readonly #idle = new Set<() => void>();

  get size(): number {
    return this.#running.size;
  }

  /** Starts `task` now and tracks it until it settles. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const promise = task();
    const tracked = promise.then(noop, noop).finally(() => {
      this.#running.delete(tracked);
      if (this.#running.size === 0) for (const wake of this.#idle) wake();
    });
    this.#running.add(tracked);
    return promise;
  }

  /** Resolves true once nothing runs, or false when `timeoutMs` passes first. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.#running.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (drained: boolean) => {
        clearTimeout(timer);
        this.#idle.delete(wake);
        resolve(drained);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#idle.add(wake);
    });
  }
}

function noop(): void {}
