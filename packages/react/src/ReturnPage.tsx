import { useEffect, useRef, useSyncExternalStore } from "react";
import type { ReactNode } from "react";
import { messageFor } from "./errors";
import type { LigdicashError } from "./errors";
import { useLigdicash } from "./LigdicashProvider";
import { Announced, PayButton } from "./PayButton";
import { usePaymentStatus } from "./usePaymentStatus";

/** What the ReturnPage shows; `cancelled` is `checking` or `pending` after the cancel URL. */
export type ReturnState = "checking" | "paid" | "failed" | "pending" | "cancelled" | "error";

/** Everything a custom rendering of a ReturnPage state may need. */
export interface ReturnView {
  state: ReturnState;
  orderId?: string | undefined;
  /** Show it with `messageFor(error, messages)`. */
  error?: LigdicashError | undefined;
  /** Asks again with a fresh time budget. */
  refresh: () => void;
}

/** A replacement for one state's default UI: an element, or a function of the view. */
export type ReturnSlot = ReactNode | ((view: ReturnView) => ReactNode);

/** Props of {@link ReturnPage}. */
export interface ReturnPageProps {
  /** The order to check; default: `?order=` from the URL. */
  orderId?: string | undefined;
  /** The shopper came back through the cancel URL; default: `cancelled=1` in the URL. */
  cancelled?: boolean | undefined;
  /** Time budget in milliseconds before the "still being confirmed" state. Default 3 min. */
  timeout?: number | undefined;
  /** Replaces the default UI of some or all states, e.g. `{ paid: <Thanks /> }`. */
  slots?: Partial<Record<ReturnState, ReturnSlot>> | undefined;
  /** Where the link of the default paid state leads ("Continuer mes achats"). Default `/`. */
  continueHref?: string | undefined;
  className?: string | undefined;
  /** The server says the order is paid. */
  onPaid?: ((orderId: string) => void) | undefined;
  /** The server says the payment failed. */
  onFailed?: ((orderId: string) => void) | undefined;
  /** Each state the page shows, from the first (`checking`) on. */
  onStateChange?: ((state: ReturnState) => void) | undefined;
}

const noop = () => {};
const never = () => noop;

/**
 * The page LigdiCash sends the shopper back to: shows the order's status as soon as the server
 * knows it. It never trusts the URL, whose `?order=` only names the order to ask about.
 * Style it through `className` and `[data-state]`, or with `@ligdicash-kit/react/styles.css`.
 * @example <ReturnPage onPaid={clearCart} slots={{ paid: ({ orderId }) => <Thanks id={orderId} /> }} />
 */
export function ReturnPage({
  orderId,
  cancelled,
  timeout,
  slots,
  continueHref = "/",
  className,
  onPaid,
  onFailed,
  onStateChange,
}: ReturnPageProps) {
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
  cancelled ??= search.get("cancelled") == "1";
  const { state: checkState, error, refresh } = usePaymentStatus(orderId, { timeout });
  const region = useRef<HTMLDivElement>(null);
  const reported = useRef("");
  const state: ReturnState =
    cancelled && (checkState == "checking" || checkState == "pending") ? "cancelled" : checkState;

  useEffect(() => {
    // Opened as a payment popup: wake the opener's own status watch (a hint; it may fail).
    if (orderId && window.opener) import("./watch.js").then((m) => m.notifyOpener(orderId), noop);
    // Once per state, however often StrictMode or <Activity> run this effect again.
    if (reported.current == orderId + state) return;
    reported.current = orderId + state;
    onStateChange?.(state);
    (
      ({ paid: onPaid, failed: onFailed }) as Partial<
        Record<ReturnState, (orderId: string) => void>
      >
    )[state]?.(orderId!);
  }, [orderId, state]);

  const slot = slots?.[state];
  return (
    <div
      ref={region}
      // Focusable from script only: where keyboard focus goes when "check again" goes away.
      tabIndex={-1}
      // A polite live region: the state changes are read out.
      role="status"
      className={className}
      data-ligdicash="return"
      data-state={state}
    >
      {/* This region announces the retry button's errors: no alert inside it. */}
      <Announced.Provider value>
        {slot === undefined ? (
          <>
            <p>{state == "error" ? messageFor(error, messages) : messages[state]}</p>
            {state == "paid" ? (
              <a href={continueHref} data-ligdicash="continue">
                {messages.continue}
              </a>
            ) : state == "failed" || state == "cancelled" ? (
              // Paid meanwhile (an older attempt completed): the server says ALREADY_PAID;
              // check again.
              <PayButton orderId={orderId!} onPaid={refresh}>
                {messages.retry}
              </PayButton>
            ) : (
              // No order to ask about (MISSING_ORDER): checking again cannot help.
              (state == "pending" || (state == "error" && orderId)) && (
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
        ) : typeof slot == "function" ? (
          slot({ state, orderId, error, refresh })
        ) : (
          slot
        )}
      </Announced.Provider>
    </div>
  );
}
