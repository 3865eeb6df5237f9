import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { LigdicashError } from "./errors";
import { useLigdicash } from "./LigdicashProvider";
import { poller } from "./poller";
import type { StatusSnapshot } from "./poller";

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

const CHECKING: StatusSnapshot = { state: "checking" };
const MISSING: StatusSnapshot = { state: "error", error: new LigdicashError("MISSING_ORDER") };

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
  const config = useLigdicash();
  // The budget of this caller: a round per order and per refresh; `expired` names the last
  // round that ran out.
  const [round, setRound] = useState(0);
  const [expired, setExpired] = useState<string>();
  const key = round + " " + orderId;
  const over = expired == key;
  useEffect(() => {
    const timer = setTimeout(setExpired, timeout, key);
    return () => clearTimeout(timer);
  }, [key, timeout]);

  // Created on subscribe, never during render: server rendering starts nothing and keeps nothing.
  const { state, error } = useSyncExternalStore(
    useMemo(
      () => (listener: () => void) =>
        orderId && !over ? poller(config, orderId).subscribe(listener) : () => {},
      [config, orderId, over],
    ),
    // Client only: creating the watch object starts nothing.
    () => (orderId ? poller(config, orderId).get() : MISSING),
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
