import { EventEmitter } from "node:events";
import type { PaymentStore } from "../src/storage/store.js";

/**
 * A store whose notification subscriptions are counted, so that a test can wait for a kit to
 * start listening (a status request is waiting) or to stop (none is), and whose won transitions
 * are time-stamped (when the state change was committed).
 */
export function watchedStore<S extends PaymentStore>(store: S) {
  const events = new EventEmitter();
  const transitions: Array<{ id: string; at: number }> = [];
  let open = 0;
  const watch = store.watch?.bind(store);
  if (!watch) throw new Error("this store has no watch()");
  store.watch = (listener) => {
    open += 1;
    events.emit("change");
    const stop = watch(listener);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      open -= 1;
      stop();
      events.emit("change");
    };
  };
  const transition = store.transition.bind(store);
  store.transition = async (id, from, to, fields) => {
    const won = await transition(id, from, to, fields);
    if (won) transitions.push({ id, at: performance.now() });
    return won;
  };
  return {
    store,
    transitions,
    /** Subscriptions open now. */
    open: () => open,
    /** Resolves once exactly `count` subscriptions are open. */
    until(count: number): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (open !== count) return;
          events.off("change", check);
          resolve();
        };
        events.on("change", check);
        check();
      });
    },
  };
}
