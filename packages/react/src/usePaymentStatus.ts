import { useCallback, useSyncExternalStore } from "react";
import { LigdicashError } from "./errors";
import { useLigdicash } from "./LigdicashProvider";
import { createPoller } from "./poller";
import type { StatusSnapshot } from "./poller";

/** Options of {@link usePaymentStatus}. */
export interface PaymentStatusOptions {
  /** How long to poll before settling on `pending` ("still being confirmed"). Default 3 minutes. */
  timeout?: number | undefined;
}

/** What {@link usePaymentStatus} returns. */
export interface PaymentStatusResult extends StatusSnapshot {
  /** Polls again with a fresh time budget (after `pending` or `error`). */
  refresh: () => void;
}

const CHECKING: StatusSnapshot = { state: "checking" };
const MISSING: StatusSnapshot = { state: "error", error: new LigdicashError("MISSING_ORDER") };

/**
 * Polls the status of an order until it is paid or failed; one poller per order however many
 * components ask (StrictMode included), stopped when the last of them unmounts. Renders
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
  const { pollers } = config;
  // Created on subscribe, never during render: server rendering starts nothing and keeps nothing.
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!orderId) return () => {};
      let poller = pollers.get(orderId);
      if (!poller) {
        const created = createPoller(config, orderId, timeout, () => {
          if (pollers.get(orderId) === created) pollers.delete(orderId);
        });
        pollers.set(orderId, (poller = created));
      }
      return poller.subscribe(listener);
    },
    [pollers, config, orderId, timeout],
  );
  const snapshot = useSyncExternalStore(
    subscribe,
    () => (orderId ? (pollers.get(orderId)?.get() ?? CHECKING) : MISSING),
    () => CHECKING,
  );
  const refresh = useCallback(() => {
    if (orderId) pollers.get(orderId)?.restart();
  }, [pollers, orderId]);
  return { ...snapshot, refresh };
}
