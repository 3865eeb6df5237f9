import type { TimerHandle, Timers } from "../src/core/timers.js";

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * Simulated time for the whole kit: the engine's timers and the store's clock read it, and it only
 * moves when the test says so. `advance` fires every timer that falls due, in order, letting the
 * promises each one starts run before the next.
 */
export class SimClock implements Timers {
  #now: number;
  #seq = 0;
  readonly #timers = new Set<Timer>();

  constructor(start = Date.UTC(2026, 4, 9, 7, 20)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn };
    this.#timers.add(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle as Timer);
  }

  /** The same clock seen from a host whose clock is `skewMs` off. */
  skewed(skewMs: number): Timers {
    return {
      now: () => this.#now + skewMs,
      setTimeout: (fn, ms) => this.setTimeout(fn, ms),
      clearTimeout: (handle) => this.clearTimeout(handle),
    };
  }

  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.#timers) {
        if (
          timer.at <= end &&
          (!next || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq))
        ) {
          next = timer;
        }
      }
      if (!next) break;
      this.#timers.delete(next);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
      await flush();
    }
    this.#now = end;
    await flush();
  }
}

/** Lets every promise chain that can move, move (a few turns of the event loop). */
export async function flush(turns = 8): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
