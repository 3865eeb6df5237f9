import { useCallback, useSyncExternalStore } from "react";
import { LigdicashError } from "./errors";
import { useLigdicash } from "./LigdicashProvider";
import { createPoller } from "./poller";
import type { Poller, StatusSnapshot } from "./poller";

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

// One poller per order on the page, however many components show it, with the provider settings
// of the first one to subscribe. Pollers only start in effects, so this stays empty during server
// rendering.
const pollers = new Map<string, Poller>();

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
  // Created on subscribe, never during render: server rendering starts nothing and keeps nothing.
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!orderId) return () => {};
      let poller = pollers.get(orderId);
      // Idle means no subscriber came back meanwhile, so this order's entry is still this poller.
      if (!poller) {
        pollers.set(
          orderId,
          (poller = createPoller(config, orderId, timeout, () => pollers.delete(orderId))),
        );
      }
      return poller.subscribe(listener);
    },
    [config, orderId, timeout],
  );
  const snapshot = useSyncExternalStore(
    subscribe,
    () => (orderId ? (pollers.get(orderId)?.get() ?? CHECKING) : MISSING),
    () => CHECKING,
  );
  return { ...snapshot, refresh: () => orderId && pollers.get(orderId)?.restart() };
}
