import { useEffect, useRef, useState } from "react";
import { request } from "./api";
import type { LigdicashError } from "./errors";
import { useLigdicash } from "./LigdicashProvider";
import { navigate } from "./navigate";
import { openBlankPopup, watchPopup } from "./popup";

/** `redirect`: the payment page replaces this one. `popup`: it opens over it. */
export type PayMode = "redirect" | "popup";

/** State of a pay action: `loading` from the click until the shopper leaves or the popup ends. */
export type PayState = "idle" | "loading" | "error";

/** Options of {@link usePay}; the callbacks may change on every render. */
export interface PayOptions {
  mode?: PayMode | undefined;
  /** The order is paid (popup mode, or a server answering ALREADY_PAID). */
  onPaid?: ((orderId: string) => void) | undefined;
  /** The payment failed (popup mode). */
  onFailed?: ((orderId: string) => void) | undefined;
  /**
   * Popup mode: the popup was closed and the order was still not paid a minute later (the status
   * is checked meanwhile, as mobile money is often approved after the page is closed), or the
   * popup was left open 30 minutes unpaid, then closed.
   */
  onClose?: ((orderId: string) => void) | undefined;
  /** The payment could not start, or its status could not be read. */
  onError?: ((error: LigdicashError) => void) | undefined;
}

/** What {@link usePay} returns. */
export interface PayResult {
  /** Starts a payment; call it synchronously from the click handler (popups need that). */
  pay: (orderId: string) => void;
  state: PayState;
  error?: LigdicashError | undefined;
}

/** The payment under way: its popup, if any, and how to abandon it. */
interface Session {
  popup: Window | null;
  stop: () => void;
}

/**
 * Headless pay action: one invoice request per click, however many clicks, key repeats or
 * re-renders happen while one is under way.
 * @example
 * const { pay, state } = usePay({ mode: "popup", onPaid: () => router.push("/thanks") });
 * <button onClick={() => pay(orderId)} aria-busy={state === "loading"}>Payer</button>
 */
export function usePay(options: PayOptions = {}): PayResult {
  const config = useLigdicash();
  const [result, setResult] = useState<Omit<PayResult, "pay">>({ state: "idle" });
  const latest = useRef(options);
  const session = useRef<Session | null>(null);

  // Ends the payment under way and reports how: `paid`, `failed`, `pending` (popup closed and
  // still unpaid after the grace minute, or left open 30 minutes), or an error. No outcome: back
  // to idle without a word (page restored from cache).
  const end = (orderId?: string, outcome?: string, error?: LigdicashError) => {
    const { onPaid, onFailed, onClose, onError } = latest.current;
    session.current?.stop();
    session.current = null;
    setResult({ state: error ? "error" : "idle", error });
    if (error) onError?.(error);
    else if (orderId)
      (outcome === "paid" ? onPaid : outcome === "failed" ? onFailed : onClose)?.(orderId);
  };

  useEffect(() => {
    latest.current = options;
  });
  useEffect(() => {
    // Back from the payment page through the back/forward cache: the button works again.
    const onShow = (e: PageTransitionEvent) => e.persisted && end();
    addEventListener("pageshow", onShow);
    return () => {
      removeEventListener("pageshow", onShow);
      session.current?.stop();
    };
  }, []);

  function pay(orderId: string) {
    if (session.current) return session.current.popup?.focus();
    const popup = latest.current.mode === "popup" ? openBlankPopup(config.messages.loading) : null;
    const controller = new AbortController();
    const current: Session = (session.current = {
      popup,
      stop: () => {
        controller.abort();
        popup?.close();
      },
    });
    setResult({ state: "loading" });
    request(config, orderId, controller.signal, true)
      .then(([payUrl]) => {
        // A blocked popup falls back to the same tab; `loading` then lasts until unload.
        if (!popup) return navigate(payUrl);
        popup.location.replace(payUrl);
        current.stop = watchPopup(config, popup, orderId, end);
      })
      // request() and navigate() reject with a LigdicashError, or the abort when stopped.
      .catch((error: LigdicashError) => {
        if (controller.signal.aborted) return;
        // Paid meanwhile (an earlier attempt completed): good news when the shop listens for it.
        if (error.code === "ALREADY_PAID" && latest.current.onPaid) end(orderId, "paid");
        else end(orderId, "", error);
      });
  }

  return { pay, ...result };
}
