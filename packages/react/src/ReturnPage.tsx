import { useEffect, useRef, useSyncExternalStore } from "react";
import type { ReactNode } from "react";
import { messageFor } from "./errors";
import type { LigdicashError } from "./errors";
import { useLigdicash } from "./LigdicashProvider";
import { PayButton } from "./PayButton";
import { notifyOpener } from "./popup";
import { usePaymentStatus } from "./usePaymentStatus";

/** What the ReturnPage shows; `cancelled` is `checking` or `pending` after the cancel URL. */
export type ReturnState = "checking" | "paid" | "failed" | "pending" | "cancelled" | "error";

/** Everything a custom rendering of a ReturnPage state may need. */
export interface ReturnView {
  state: ReturnState;
  orderId?: string | undefined;
  /** Show it with `messageFor(error, messages)`. */
  error?: LigdicashError | undefined;
  /** Polls again with a fresh time budget. */
  refresh: () => void;
}

/** A replacement for one state's default UI: an element, or a function of the view. */
export type ReturnSlot = ReactNode | ((view: ReturnView) => ReactNode);

/** Props of {@link ReturnPage}. */
export interface ReturnPageProps {
  /** The order to check; default: `?order=` from the URL. */
  orderId?: string;
  /** The shopper came back through the cancel URL; default: `cancelled=1` in the URL. */
  cancelled?: boolean;
  /** Polling time budget in milliseconds before the "still being confirmed" state. Default 3 min. */
  timeout?: number;
  /** Replaces the default UI of some or all states, e.g. `{ paid: <Thanks /> }`. */
  slots?: Partial<Record<ReturnState, ReturnSlot>>;
  className?: string;
}

const never = () => () => {};

/**
 * The page LigdiCash sends the shopper back to: polls the order's status until the server says
 * paid or failed. It never trusts the URL, whose `?order=` only names the order to ask about.
 * Style it through `className` and `[data-state]`.
 * @example <ReturnPage slots={{ paid: ({ orderId }) => <Thanks orderId={orderId} /> }} />
 */
export function ReturnPage({ orderId, cancelled, timeout, slots, className }: ReturnPageProps) {
  const { messages } = useLigdicash();
  // Empty on the server and during hydration, so that the markup matches.
  const search = new URLSearchParams(
    useSyncExternalStore(
      never,
      () => location.search,
      () => "",
    ),
  );
  orderId ??= search.get("order") || undefined;
  cancelled ??= search.get("cancelled") === "1";
  const { state: checkState, error, refresh } = usePaymentStatus(orderId, { timeout });
  const region = useRef<HTMLDivElement>(null);
  const state: ReturnState =
    cancelled && (checkState === "checking" || checkState === "pending") ? "cancelled" : checkState;

  // Opened as a payment popup: wake the opener's own status poll.
  useEffect(() => {
    if (orderId) notifyOpener(orderId);
  }, [orderId, state]);

  const slot = slots?.[state];
  // No order to ask about (MISSING_ORDER): checking again cannot help.
  const canRecheck = state === "pending" || (state === "error" && orderId);
  return (
    <div
      ref={region}
      // Focusable from script only: where keyboard focus goes when "check again" goes away.
      tabIndex={-1}
      role="status"
      aria-live="polite"
      className={className}
      data-ligdicash="return"
      data-state={state}
    >
      {slot === undefined ? (
        <>
          <p>{error ? messageFor(error, messages) : messages[state as "paid"]}</p>
          {state === "failed" || state === "cancelled" ? (
            // Paid meanwhile (an older attempt completed): the server says ALREADY_PAID; re-check.
            <PayButton orderId={orderId!} onPaid={refresh}>
              {messages.retry}
            </PayButton>
          ) : (
            canRecheck && (
              <button
                type="button"
                onClick={() => {
                  region.current?.focus();
                  refresh();
                }}
              >
                {messages.checkAgain}
              </button>
            )
          )}
        </>
      ) : typeof slot === "function" ? (
        slot({ state, orderId, error, refresh })
      ) : (
        slot
      )}
    </div>
  );
}
