import type { SafeLogger } from "./logger.js";
import type { ChangeListener } from "../storage/change-listeners.js";
import type { LigdicashStore } from "../storage/store.js";
import { storeClosed } from "../storage/unavailable.js";

/** Makes the store used when the shop passes none. */
export type DefaultStore = (
  env: Record<string, string | undefined>,
  log: SafeLogger,
) => LigdicashStore;

type Method = Exclude<keyof LigdicashStore, "close" | "watch">;

/**
 * The default SQLite store, opened on first use. Its module, and the Node built-ins and native
 * package it needs, stay off the import graph of the Web-standard entries (fetch, Next.js): they
 * load on Bun, Deno or an edge runtime whenever the shop passes its own store. A default store
 * that cannot open (no better-sqlite3, a read-only file system) fails every call with its one
 * clear error, and the routes answer 500 with it in the log.
 */
export const lazyDefaultStore: DefaultStore = (env, log) =>
  new LazyStore(() => import("./default-store.js").then((m) => m.defaultStore(env, log)));

/**
 * A store opened by `open()` when first called; every method waits for it. It keeps payouts, as
 * the default store does.
 */
export class LazyStore implements LigdicashStore {
  readonly #open: () => Promise<LigdicashStore>;
  #store: Promise<LigdicashStore> | null = null;
  #closed = false;

  constructor(open: () => Promise<LigdicashStore>) {
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
  insertPayout = this.#forward("insertPayout");
  insertRefund = this.#forward("insertRefund");
  releaseRefund = this.#forward("releaseRefund");
  getPayout = this.#forward("getPayout");
  listPayouts = this.#forward("listPayouts");
  patchPayout = this.#forward("patchPayout");
  transitionPayout = this.#forward("transitionPayout");
  markPayoutForReview = this.#forward("markPayoutForReview");
  listDuePayouts = this.#forward("listDuePayouts");
  claimPayoutHook = this.#forward("claimPayoutHook");
  renewPayoutHook = this.#forward("renewPayoutHook");
  completePayoutHook = this.#forward("completePayoutHook");
  releasePayoutHook = this.#forward("releasePayoutHook");
  listUnsettledPayoutHooks = this.#forward("listUnsettledPayoutHooks");

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

  #load(): Promise<LigdicashStore> {
    this.#store ??= this.#open();
    return this.#store;
  }

  #forward<K extends Method>(name: K): LigdicashStore[K] {
    const call = async (...args: unknown[]): Promise<unknown> => {
      if (this.#closed && this.#store === null) throw storeClosed("SQLite");
      const store = await this.#load();
      return (store[name] as (...a: unknown[]) => Promise<unknown>).apply(store, args);
    };
    return call as LigdicashStore[K];
  }
}
