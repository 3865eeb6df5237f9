import { useId } from "react";
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

/**
 * Starts a LigdiCash payment for an order: same tab by default, or a popup, never an iframe.
 * Style it through `className` and `[data-state="idle" | "loading" | "error"]`.
 * @example <PayButton orderId="order_7f3a9b" amount={15000} mode="popup" onPaid={showThanks} />
 */
export function PayButton({
  orderId,
  amount,
  mode,
  onPaid,
  onFailed,
  onClose,
  onError,
  onClick,
  children,
  ...rest
}: PayButtonProps) {
  const { messages, locale } = useLigdicash();
  const { pay, state, error } = usePay({ mode, onPaid, onFailed, onClose, onError });
  const errorId = useId();
  const loading = state === "loading";
  const label =
    children ??
    (loading
      ? messages.loading
      : messages.pay + (amount == null ? "" : " " + formatXof(amount, locale)));
  return (
    <>
      <button
        type="button"
        {...rest}
        data-ligdicash="pay"
        data-state={state}
        // Not `disabled`: that would drop keyboard focus; extra clicks are ignored instead.
        aria-busy={loading}
        aria-disabled={loading}
        aria-describedby={error ? errorId : rest["aria-describedby"]}
        onClick={(e) => {
          onClick?.(e);
          if (!e.defaultPrevented) pay(orderId);
        }}
      >
        {label}
      </button>
      {error && (
        <span id={errorId} role="alert" data-ligdicash="error">
          {messageFor(error, messages)}
        </span>
      )}
    </>
  );
}
