import type { PaymentStatus } from "../model/payment.js";
import type { Engine } from "./engine.js";
import { storedStatus } from "./status.js";
import { every } from "./timers.js";

/**
 * How often a watched order is read again from the store. With store notifications it is only a
 * safety net (a reconnection already re-reads every watched order; this covers a connection that
 * died without saying so), so it is rare: 1,000 watched orders cost 100 reads a second. Without
 * them it is how a change made by another process is seen.
 */
export const REREAD_MS = { notified: 10_000, unnotified: 1_000 } as const;

/** Status requests held until their order's status changes. */
export interface StatusWaiters {
  /**
   * Resolves the order's status once it is no longer `pending`, or when `ms` have passed (its
   * status then), `signal` aborts or `close()` runs. The caller has just read it as pending.
   */
  wait(orderId: string, ms: number, signal?: AbortSignal): Promise<PaymentStatus>;
  /** Answers every waiting request with its order's current status; later waits end at once. */
  close(): Promise<void>;
  /** Orders watched and requests waiting now. */
  counts(): { orders: number; requests: number };
}

type Finish = (status: PaymentStatus) => void;

/** One order's watch, shared by every request waiting on it. */
interface Watch {
  orderId: string;
  waiters: Set<Finish>;
  stopTicking: () => void;
  /** A store read runs; a change was reported meanwhile (`again`): read once more after it. */
  reading: boolean;
  again: boolean;
}

/**
 * One watch per order (however many requests wait on it), one store subscription while any
 * order is watched: memory grows by a few small objects per waiting request.
 *
 * A watch only reads the store: it never calls LigdiCash. The request's own read before it
 * waits is the confirm a poll would make; a confirm made on a timer while waiting would hold
 * back the confirm of a callback arriving in the next `recheckIntervalMs` (confirms of one
 * payment are spaced), and callbacks are what wakes a waiting shopper. A callback that never
 * comes is found by the next request's read (clients ask again at least every 25 s) and by the
 * reconciler.
 */
export function createStatusWaiters<C>(engine: Engine<C>): StatusWaiters {
  const { timers, changes, config } = engine;
  const watches = new Map<string, Watch>();
  const rereadMs = changes.shared ? REREAD_MS.notified : REREAD_MS.unnotified;
  let unsubscribe: (() => void) | null = null;
  let closed = false;

  function changed(orderId: string | null): void {
    if (orderId === null) for (const watch of watches.values()) reread(watch);
    else {
      const watch = watches.get(orderId);
      if (watch) reread(watch);
    }
  }

  function open(orderId: string): Watch {
    const watch: Watch = {
      orderId,
      waiters: new Set(),
      stopTicking: () => {},
      reading: false,
      again: false,
    };
    watch.stopTicking = every(timers, rereadMs, () => reread(watch));
    watches.set(orderId, watch);
    unsubscribe ??= changes.subscribe(changed);
    return watch;
  }

  function drop(watch: Watch): void {
    watch.stopTicking();
    watches.delete(watch.orderId);
    if (watches.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  }

  /** Reads the order's status from the store, and answers its requests once it is final. */
  function reread(watch: Watch): void {
    if (watch.reading) return void (watch.again = true);
    watch.reading = true;
    void storedStatus(engine, watch.orderId)
      .then(
        (status) => {
          if (status !== "pending") for (const finish of [...watch.waiters]) finish(status);
        },
        (error: unknown) =>
          config.log.debug({ orderId: watch.orderId, err: error }, "waiting status re-read failed"),
      )
      .finally(() => {
        watch.reading = false;
        if (watch.again && watch.waiters.size > 0) {
          watch.again = false;
          reread(watch);
        }
      });
  }

  function wait(orderId: string, ms: number, signal?: AbortSignal): Promise<PaymentStatus> {
    if (closed || signal?.aborted) return Promise.resolve("pending");
    return new Promise((resolve) => {
      const watch = watches.get(orderId) ?? open(orderId);
      const finish: Finish = (status) => {
        if (!watch.waiters.delete(finish)) return;
        timers.clearTimeout(deadline);
        signal?.removeEventListener("abort", onAbort);
        if (watch.waiters.size === 0) drop(watch);
        resolve(status);
      };
      // Nobody to answer: no read.
      const onAbort = () => finish("pending");
      const deadline = timers.setTimeout(() => void current(orderId).then(finish), ms);
      signal?.addEventListener("abort", onAbort, { once: true });
      watch.waiters.add(finish);
      // A change between the caller's read and now was reported before this request listened.
      reread(watch);
    });
  }

  /** The status now, or `pending` when the store cannot say. */
  function current(orderId: string): Promise<PaymentStatus> {
    return storedStatus(engine, orderId).catch(() => "pending" as const);
  }

  return {
    wait,
    async close() {
      closed = true;
      await Promise.all(
        [...watches.values()].map(async (watch) => {
          const status = await current(watch.orderId);
          for (const finish of [...watch.waiters]) finish(status);
        }),
      );
    },
    counts: () => ({
      orders: watches.size,
      requests: [...watches.values()].reduce((sum, watch) => sum + watch.waiters.size, 0),
    }),
  };
}
