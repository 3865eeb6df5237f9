import { createContext, forwardRef, useContext, useId } from "react";
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { messageFor } from "./errors";
import { useLigdicash } from "./LigdicashProvider";
import { formatXof } from "./messages";
import { usePay } from "./usePay";
import type { PayOptions } from "./usePay";

/** Props of {@link PayButton}: the usual button props, minus the native `onError` event. */
export interface PayButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onError">, PayOptions {
  /** The shop's order id; the amount comes from the server, never from here. */
  orderId: string;
  /** Shown in the default label ("Payer 15 000 F CFA"); display only. */
  amount?: number;
  /** The label; default from the locale ("Payer"). */
  children?: ReactNode;
}

/** Set inside a live region that announces the button's error already (the ReturnPage). */
export const Announced = createContext(false);

/**
 * Starts a LigdiCash payment for an order: same tab by default, or a popup, never an iframe.
 * Style it through `className` and `[data-state="idle" | "loading" | "error"]`; a `ref`
 * reaches the `<button>`.
 * @example <PayButton orderId="order_7f3a9b" amount={15000} mode="popup" onPaid={showThanks} />
 */
export const PayButton = forwardRef<HTMLButtonElement, PayButtonProps>(
  function PayButton(props, ref) {
    // What is not for the <button> goes to usePay, which reads the mode and callbacks.
    const {
      orderId,
      amount,
      mode: _mode,
      onPaid: _onPaid,
      onFailed: _onFailed,
      onClose: _onClose,
      onError: _onError,
      onBeforeRedirect: _onBeforeRedirect,
      onClick,
      children,
      ...rest
    } = props;
    const { messages, locale } = useLigdicash();
    const { pay, state, error } = usePay(props);
    const errorId = useId();
    const announced = useContext(Announced);
    const loading = state == "loading";
    return (
      <>
        <button
          type="button"
          {...rest}
          ref={ref}
          data-ligdicash="pay"
          data-state={state}
          // Not `disabled`: that would drop keyboard focus; extra clicks are ignored instead. Not
          // `aria-busy` either: screen readers would keep quiet about the label change.
          aria-disabled={loading}
          aria-describedby={
            [rest["aria-describedby"], error && errorId].join(" ").trim() || undefined
          }
          onClick={(e) => {
            onClick?.(e);
            if (!e.defaultPrevented) pay(orderId);
          }}
        >
          {children ??
            (loading
              ? messages.loading
              : messages.pay + (amount == null ? "" : " " + formatXof(amount, locale)))}
        </button>
        {error && (
          <span id={errorId} role={announced ? undefined : "alert"} data-ligdicash="error">
            {messageFor(error, messages)}
          </span>
        )}
      </>
    );
  },
);
