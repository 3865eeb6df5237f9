import { request } from "./api";
import type { ApiConfig, PaymentStatus } from "./api";
import type { LigdicashError } from "./errors";

/**
 * Where a status check stands: `checking` while polling, `paid` / `failed` once the server says
 * so, `pending` when the time budget ran out first, `error` when the server could not answer.
 */
export type CheckState = "checking" | "paid" | "failed" | "pending" | "error";

/** Immutable view of a poller: a new object only when something changed. */
export interface StatusSnapshot {
  readonly state: CheckState;
  readonly error?: LigdicashError | undefined;
}

/** A framework-free status poller for one order. */
export interface Poller {
  get(): StatusSnapshot;
  /** The first subscriber starts polling; polling stops soon after the last one leaves. */
  subscribe(listener: () => void): () => void;
  /** Starts a new round with a fresh time budget ("check again"). */
  restart(budgetMs?: number): void;
  /**
   * Checks again as soon as allowed (2 s after the last check, or the server's hint), e.g. when
   * the tab is shown again or the payment popup comes back.
   */
  wake(): void;
}

/** Delay before re-check number `n` (from 0): 2 s, growing by half each time, up to 10 s. */
export const backoff = (n: number): number => Math.min(10_000, 2000 * 1.5 ** n);

/**
 * Polls `GET {basePath}/status/:orderId` until paid or failed, with backoff, never sooner than
 * the server's Retry-After, paused while the tab is hidden or offline, within a time budget.
 * `onIdle` runs once the last subscriber has left and polling has stopped.
 */
export function createPoller(
  config: ApiConfig,
  orderId: string,
  budgetMs: number,
  onIdle?: () => void,
): Poller {
  let snapshot: StatusSnapshot = { state: "checking" };
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | undefined;
  let attempt = 0;
  let deadline = 0; // 0 while no round is under way: subscribing again must not restart one
  let notBefore = 0; // no check before this time, wake-ups included

  const publish = (state: CheckState, error?: LigdicashError) => {
    snapshot = { state, error };
    listeners.forEach((listener) => listener());
  };
  const paused = () => document.hidden || !navigator.onLine;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), Math.max(ms, notBefore - Date.now()));
  };
  const wake = () => {
    if (snapshot.state === "checking" && !inflight && !paused()) schedule(0);
  };
  const listen = (method: "addEventListener" | "removeEventListener") => {
    document[method]("visibilitychange", wake);
    window[method]("online", wake);
  };

  async function tick(): Promise<void> {
    // Hidden or offline: nothing is scheduled until visibilitychange / online call wake().
    if (inflight || paused()) return;
    const controller = (inflight = new AbortController());
    // Tab toggles or `online` bursts must not turn into a burst of requests.
    notBefore = Date.now() + 2000;
    let error: LigdicashError | undefined;
    try {
      const [status, retryAfter] = await request(config, orderId, controller.signal);
      notBefore = Math.max(notBefore, Date.now() + retryAfter);
      if (status !== "pending") return publish(status as PaymentStatus);
    } catch (e) {
      if (controller.signal.aborted) return;
      // request() rejects with a LigdicashError, or with the abort handled above.
      error = e as LigdicashError;
      // A 4xx (unknown order, rejected request) will not change by asking again.
      if (String(error.status)[0] === "4") return publish("error", error);
    } finally {
      if (inflight === controller) inflight = undefined;
    }
    if (Date.now() < deadline) schedule(backoff(attempt++));
    else publish(error ? "error" : "pending", error);
  }

  const restart = (budget = budgetMs) => {
    attempt = 0;
    deadline = Date.now() + budget;
    if (snapshot.state !== "checking") publish("checking");
    wake();
  };

  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      // StrictMode resubscribes at once: adding the same DOM listeners twice is a no-op, and a
      // request already in flight is not repeated.
      listen("addEventListener");
      if (!deadline && snapshot.state === "checking") restart();
      return () => {
        listeners.delete(listener);
        queueMicrotask(() => {
          if (listeners.size) return;
          listen("removeEventListener");
          deadline = 0;
          clearTimeout(timer);
          inflight?.abort();
          inflight = undefined;
          onIdle?.();
        });
      };
    },
    restart,
    wake,
  };
}
