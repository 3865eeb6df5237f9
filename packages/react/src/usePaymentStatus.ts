import * as React from "react";
import { LigdicashError } from "./errors";
import { Context } from "./LigdicashProvider";
import { noop } from "./noop";
import { poller } from "./poller";
import type { Snapshot, StatusSnapshot } from "./poller";

/** Options of {@link usePaymentStatus}. */
export interface PaymentStatusOptions {
  /** How long to wait for paid or failed before settling on `pending`. Default 3 minutes. */
  timeout?: number | undefined;
}

/** What {@link usePaymentStatus} returns. */
export interface PaymentStatusResult extends StatusSnapshot {
  /** Asks again with a fresh time budget (after `pending` or `error`). */
  refresh: () => void;
}

const CHECKING: Snapshot = ["checking"];
const MISSING: Snapshot = ["error", new LigdicashError("MISSING_ORDER")];

/**
 * The status of an order, as soon as the server knows it (the server holds each request until
 * the status changes, or is polled when it cannot). One watch per order however many components
 * ask, stopped when the last of them unmounts; each caller has its own time budget. Renders
 * `checking` on the server and during hydration.
 * @example
 * const { state, refresh } = usePaymentStatus(orderId);
 * if (state === "paid") return <Thanks />;
 */
export function usePaymentStatus(
  orderId: string | undefined,
  { timeout = 180_000 }: PaymentStatusOptions = {},
): PaymentStatusResult {
  const config = React.useContext(Context);
  // The budget of this caller: a round per order and per refresh; `expired` names the last
  // round that ran out.
  const [round, setRound] = React.useState(0);
  const [expired, setExpired] = React.useState<string>();
  const key = round + " " + orderId;
  const over = expired == key;
  React.useEffect(() => {
    const timer = setTimeout(setExpired, timeout, key);
    return () => clearTimeout(timer);
  }, [key, timeout]);

  // Created on subscribe, never during render: server rendering starts nothing and keeps nothing.
  const [state, error] = React.useSyncExternalStore(
    React.useMemo(
      () => (listener: () => void) =>
        orderId && !over ? poller(config, orderId).subscribe(listener) : noop,
      [config, orderId, over],
    ),
    // Client only: creating the watch object starts nothing.
    () => (orderId ? poller(config, orderId).read() : MISSING),
    () => CHECKING,
  );
  return {
    // Out of time: `pending`, or the error that kept the answer from coming.
    state: over && state == "checking" ? (error ? "error" : "pending") : state,
    error,
    refresh() {
      if (orderId) poller(config, orderId).wake();
      setRound(round + 1);
    },
  };
}
