import { request, WAIT } from "./api";
import type { ApiConfig, PaymentStatus } from "./api";
import { LigdicashError } from "./errors";

/**
 * Where a status check stands: `checking` while asking, `paid` / `failed` once the server says
 * so, `pending` when the time budget ran out first, `error` when the server could not answer.
 */
export type CheckState = "checking" | "paid" | "failed" | "pending" | "error";

/**
 * Immutable view of a status watch: a new object only when something changed. While
 * `checking`, `error` is the last failed attempt, retried meanwhile.
 */
export interface StatusSnapshot {
  readonly state: CheckState;
  readonly error?: LigdicashError | undefined;
}

/** A status watch's view as it keeps it: `[state, error]` (see StatusSnapshot). */
export type Snapshot = readonly [state: CheckState, error?: LigdicashError | undefined];

/** The one status watch of an order on this page, shared by every component that shows it. */
export interface Poller {
  /** How to reach the server: the latest caller's. */
  config: ApiConfig;
  /** The state and the error, a new array only when something changed. */
  read(): Snapshot;
  /** The first subscriber starts asking; asking stops soon after the last one leaves. */
  subscribe(listener: () => void): () => void;
  /**
   * Asks again as soon as allowed: after an error or a failed payment ("check again", a new
   * attempt), or when the payment popup says it is back.
   */
  wake(): void;
}

/** Polling delay before re-check number `n` (from 0): 2 s, growing by half each time, up to 10 s. */
export const backoff = (n: number): number => Math.min(10_000, 2000 * 1.5 ** n);

/** After a waiting request fails, plain polling lasts this long before waiting is tried again. */
export const FALLBACK_MS = 60_000;

// One watch per status URL for the page's lifetime: a few small objects, however many
// components, popups and "check again" rounds ask. Only created in effects and event handlers,
// so server rendering never adds to it.
export const pollers = new Map<string, Poller>();

/**
 * The watch of an order: created on first use; later callers share it, and the fetch of the
 * latest subscriber is used.
 */
export function poller(config: ApiConfig, orderId: string): Poller {
  const key = config.basePath + " " + orderId;
  let found = pollers.get(key);
  if (!found) pollers.set(key, (found = createPoller(orderId)));
  found.config = config;
  return found;
}

/**
 * Asks `GET {basePath}/status/:orderId?wait=25` until paid or failed. A server that held the
 * request is asked again at once (at most once a second); one that answered at once is polled
 * every 2 s, backing off to 10 s; a waiting request that failed (network, proxy, or no answer
 * within WAIT + 10 s) means polling for FALLBACK_MS, then waiting again. Never sooner than the
 * server's Retry-After; paused (request aborted) while the tab is hidden or offline.
 */
function createPoller(orderId: string): Poller {
  let snapshot: Snapshot = ["checking"];
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | undefined;
  // The page's events are listened to while someone is subscribed: aborting this removes them.
  let events: AbortController | undefined;
  let attempt = 0;
  let notBefore = 0; // no request before this time, wake-ups included
  let pollUntil = 0; // plain polling until this time, after a waiting request failed

  const publish = (state: CheckState, error?: LigdicashError) => {
    snapshot = [state, error];
    listeners.forEach((listener) => listener());
  };
  // Asks in `ms` (never before notBefore) unless a request is in flight. Unsubscribed, settled,
  // hidden or offline: nothing is asked, and a held request would only keep a connection busy.
  const run = (ms: number) => {
    clearTimeout(timer);
    if (events && snapshot[0] == "checking" && !document.hidden && navigator.onLine) {
      if (!inflight) timer = setTimeout(() => void tick(), Math.max(ms, notBefore - Date.now()));
    } else {
      inflight?.abort();
      inflight = undefined;
    }
  };
  const resume = () => run(0);
  async function tick(): Promise<void> {
    // Gone offline since (no event says so): "online" resumes.
    if (!navigator.onLine) return;
    const controller = (inflight = new AbortController());
    const start = Date.now();
    const wait = start >= pollUntil;
    // No answer by then, even from a server that holds requests: a proxy ate it.
    const deadline = setTimeout(
      () => controller.abort(new LigdicashError("NETWORK_ERROR")),
      (WAIT + 10) * 1000,
    );
    // Tab toggles or `online` bursts must not turn into a burst of requests.
    notBefore = start + 2000;
    let error: LigdicashError | undefined;
    let status: string | undefined;
    let retryAfter!: number;
    let held: boolean | undefined;
    try {
      [status, retryAfter, held] = await request(
        self.config,
        orderId,
        controller.signal,
        false,
        wait,
      );
    } catch (e) {
      // The deadline's error, or request()'s own: an abort on purpose is dropped just below.
      error = (controller.signal.reason ?? e) as LigdicashError;
    }
    clearTimeout(deadline);
    // Aborted on purpose (unsubscribed, hidden, offline): run() has let go of this request, and
    // of an answer that came in meanwhile; resuming asks again.
    if (inflight != controller) return;
    inflight = undefined;
    if (error) {
      // Asking again cannot change a 4xx (nor an answer below 400 that was not the kit's JSON),
      // except a timeout (408), "too early" (425) or "too many requests" (429). A 5xx and no
      // status at all ("undefined": no answer) are retried. The three are matched whole: a 208
      // or a 308 page is no timeout.
      if (/^(?!408|42[59])[1-4]/.test(String(error.status))) {
        return publish("error", error);
      }
      if (wait) pollUntil = Date.now() + FALLBACK_MS;
      // A failure of another kind (a shop's fetch handing back no Response) carries none: a
      // NaN here would undo every floor below and ask again at once, forever.
      retryAfter = error.retryAfter || 0;
    } else if (status != "pending") return publish(status as PaymentStatus);
    if (error !== snapshot[1]) publish("checking", error);
    // Held until nothing changed: ask again at once (the backoff starts over), yet never twice
    // within a second.
    notBefore = Math.max(held ? start + 1000 : notBefore, Date.now() + retryAfter);
    run(held ? (attempt = 0) : backoff(attempt++));
  }

  // `config` is set by poller(), before any use: the watch always asks with the latest caller's.
  const self = {
    read: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      // StrictMode and provider re-renders resubscribe at once: the watch goes on at its pace.
      if (!events) {
        events = new AbortController();
        // The controller as the options: its `signal` ends the listening.
        document.addEventListener("visibilitychange", resume, events);
        addEventListener("online", resume, events);
        self.wake();
      }
      return () => {
        listeners.delete(listener);
        queueMicrotask(() => {
          if (listeners.size) return;
          events?.abort();
          events = undefined;
          resume();
        });
      };
    },
    // A failed payment or an error may not be the last word: a new attempt, "check again".
    wake() {
      if (snapshot[0] == "failed" || snapshot[0] == "error") {
        attempt = 0;
        publish("checking");
      }
      resume();
    },
  } satisfies Omit<Poller, "config"> as Poller;
  return self;
}
