import type { SafeLogger } from "./logger.js";
import type { ChangeListener } from "../storage/change-listeners.js";
import type { PaymentStore } from "../storage/store.js";
import { storeClosed } from "../storage/unavailable.js";

/** Makes the store used when the shop passes none. */
export type DefaultStore = (
  env: Record<string, string | undefined>,
  log: SafeLogger,
) => PaymentStore;

type Method = Exclude<keyof PaymentStore, "close" | "watch">;

/**
 * The default SQLite store, opened on first use. Its module, and the Node built-ins and native
 * package it needs, stay off the import graph of the Web-standard entries (fetch, Next.js): they
 * load on Bun, Deno or an edge runtime whenever the shop passes its own store. A default store
 * that cannot open (no better-sqlite3, a read-only file system) fails every call with its one
 * clear error, and the routes answer 500 with it in the log.
 */
export const lazyDefaultStore: DefaultStore = (env, log) =>
  new LazyStore(() => import("./default-store.js").then((m) => m.defaultStore(env, log)));

/** A store opened by `open()` when first called; every method waits for it. */
export class LazyStore implements PaymentStore {
  readonly #open: () => Promise<PaymentStore>;
  #store: Promise<PaymentStore> | null = null;
  #closed = false;

  constructor(open: () => Promise<PaymentStore>) {
    this.#open = open;
  }

  insert = this.#forward("insert");
  get = this.#forward("get");
  listByOrder = this.#forward("listByOrder");
  patch = this.#forward("patch");
  transition = this.#forward("transition");
  expectOrder = this.#forward("expectOrder");
  getOrder = this.#forward("getOrder");
  claimOrder = this.#forward("claimOrder");
  claimFulfilment = this.#forward("claimFulfilment");
  renewFulfilment = this.#forward("renewFulfilment");
  completeFulfilment = this.#forward("completeFulfilment");
  releaseFulfilment = this.#forward("releaseFulfilment");
  listDuePending = this.#forward("listDuePending");
  listUnfulfilled = this.#forward("listUnfulfilled");
  now = this.#forward("now");

  /** The default store (SQLite) reports changes: subscribes once it is open. */
  watch(listener: ChangeListener): () => void {
    let stop: (() => void) | undefined;
    let stopped = false;
    this.#load().then(
      (store) => {
        if (!stopped) stop = store.watch?.(listener);
      },
      () => undefined, // the store's calls report why it could not open
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const opening = this.#store;
    if (opening === null) return;
    const store = await opening.catch(() => null);
    await store?.close();
  }

  #load(): Promise<PaymentStore> {
    this.#store ??= this.#open();
    return this.#store;
  }

  #forward<K extends Method>(name: K): PaymentStore[K] {
    const call = async (...args: unknown[]): Promise<unknown> => {
      if (this.#closed && this.#store === null) throw storeClosed("SQLite");
      const store = await this.#load();
      return (store[name] as (...a: unknown[]) => Promise<unknown>).apply(store, args);
    };
    return call as PaymentStore[K];
  }
}
