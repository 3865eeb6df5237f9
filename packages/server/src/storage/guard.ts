import { LigdicashError } from "../core/errors.js";
import { withDeadline } from "./deadline.js";
import { storeClosed, storeUnavailable, type Backend } from "./unavailable.js";

export interface GuardSettings {
  backend: Backend;
  /** Deadline of each call; null where a call cannot be interrupted (SQLite is synchronous). */
  timeoutMs: number | null;
  /** Which errors mean "the backend cannot serve now" (they become STORE_UNAVAILABLE). */
  isUnavailable: (error: unknown) => boolean;
  /** Called when a call outlives its deadline (a connection may be dead without knowing it). */
  onTimeout?: () => void;
}

interface GuardState extends GuardSettings {
  closed: boolean;
  closing: Promise<void> | null;
}

const states = new WeakMap<object, GuardState>();

/**
 * Wraps every method of a store (all but `close` and `watch`), for its constructor to call:
 * - after `close()` each call rejects at once, without touching the backend;
 * - a call still unsettled after `timeoutMs` rejects with STORE_UNAVAILABLE;
 * - errors that mean "unreachable" become STORE_UNAVAILABLE (503), other errors pass unchanged.
 * One wrapper rather than a line in each method, so that methods added later are covered too.
 *
 * @example
 * constructor() { guardStore(this, { backend: "Redis", timeoutMs: 2_000, isUnavailable }); }
 */
export function guardStore(store: object, settings: GuardSettings): void {
  const state: GuardState = { ...settings, closed: false, closing: null };
  states.set(store, state);
  for (const name of methodNames(store)) {
    const method = Reflect.get(store, name) as (...args: unknown[]) => unknown;
    Object.defineProperty(store, name, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => guarded(state, () => method.apply(store, args)),
    });
  }
}

/**
 * Marks the store closed (from now on every call is refused), then runs `release` once:
 * later `close()` calls get the same promise.
 */
export function closeStore(store: object, release: () => Promise<void>): Promise<void> {
  const state = states.get(store);
  if (!state) return release();
  if (!state.closed) {
    state.closed = true;
    state.closing = release();
  }
  return state.closing ?? Promise.resolve();
}

function guarded(state: GuardState, call: () => unknown): Promise<unknown> {
  if (state.closed) return Promise.reject(storeClosed(state.backend));
  // The executor runs now, and turns a synchronous throw into a rejection.
  let work = new Promise<unknown>((resolve) => resolve(call()));
  const { timeoutMs, backend } = state;
  if (timeoutMs !== null) {
    work = withDeadline(work, timeoutMs, () => {
      state.onTimeout?.();
      return storeUnavailable(backend, `no answer within ${timeoutMs} ms`);
    });
  }
  return work.catch((error: unknown) => {
    throw translate(state, error);
  });
}

function translate(state: GuardState, error: unknown): unknown {
  if (error instanceof LigdicashError) return error;
  // A call that was under way when the store closed fails because of the close: say so.
  if (state.closed) return storeClosed(state.backend);
  if (!state.isUnavailable(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return storeUnavailable(state.backend, message, error);
}

/**
 * Not wrapped: `close` has its own rule, and `watch` only registers a listener (synchronously,
 * touching no backend), so it needs no deadline; after close it registers nothing.
 */
const UNGUARDED = new Set(["constructor", "close", "watch"]);

/** Own and inherited method names of a store, up to (not including) Object.prototype. */
function methodNames(store: object): Set<string> {
  const names = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(store) as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (!UNGUARDED.has(name) && typeof descriptor?.value === "function") {
        names.add(name);
      }
    }
  }
  return names;
}
