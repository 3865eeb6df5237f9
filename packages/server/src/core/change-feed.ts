import { ChangeListeners, type ChangeListener } from "../storage/change-listeners.js";
import type { PaymentStore } from "../storage/store.js";

/** Where waiting status requests learn that an order's status may have changed. */
export interface ChangeFeed {
  /** Whether changes made by other processes are reported (the store can `watch`). */
  readonly shared: boolean;
  /** Starts telling `listener`; the returned function stops it. */
  subscribe(listener: ChangeListener): () => void;
  /** The engine calls it after a transition it won in this process. */
  transitioned(orderId: string): void;
}

/**
 * The store's own notifications when it has them (they cover this process too); otherwise only
 * the transitions this process makes, and waiting requests re-read the store for the rest.
 */
export function createChangeFeed(store: PaymentStore): ChangeFeed {
  if (store.watch) {
    return {
      shared: true,
      subscribe: (listener) => store.watch!(listener),
      transitioned: () => {},
    };
  }
  const local = new ChangeListeners();
  return {
    shared: false,
    subscribe: (listener) => local.add(listener),
    transitioned: (orderId) => queueMicrotask(() => local.emit(orderId)),
  };
}
