import { useEffect, useRef, useState } from "react";
import { request } from "./api";
import type { LigdicashError } from "./errors";
import { useLigdicash } from "./LigdicashProvider";
import type { LigdicashContextValue } from "./LigdicashProvider";
import { navigate } from "./navigate";
import { poller } from "./poller";
import type { PopupOutcome } from "./watch";

/** `redirect`: the payment page replaces this one. `popup`: it opens over it. */
export type PayMode = "redirect" | "popup";

/** State of a pay action: `loading` from the click until the shopper leaves or the popup ends. */
export type PayState = "idle" | "loading" | "error";

/**
 * How a payment ended, for {@link PayResult.payAsync}: `paid`, `failed` or `closed`, as the
 * callbacks of the same names say; `redirected` when the same tab was sent to the payment page
 * (seen only when the page is still there 5 s later, or comes back from the back/forward cache).
 */
export type PayOutcome = "redirected" | PopupOutcome;

/** Options of {@link usePay}; the callbacks may change on every render. */
export interface PayOptions {
  mode?: PayMode | undefined;
  /** The order is paid (popup or new tab, or a server answering ALREADY_PAID). */
  onPaid?: ((orderId: string) => void) | undefined;
  /** The payment failed (popup or new tab). */
  onFailed?: ((orderId: string) => void) | undefined;
  /**
   * Popup or new tab: it was closed and the order was still not paid a minute later (the status
   * is checked meanwhile, as mobile money is often approved after the page is closed), or it
   * was left open 30 minutes unpaid, then closed.
   */
  onClose?: ((orderId: string) => void) | undefined;
  /** The payment could not start, or its status could not be read. */
  onError?: ((error: LigdicashError) => void) | undefined;
  /** The payment page is about to open, in this tab, the popup or a new tab. */
  onBeforeRedirect?: ((payUrl: string) => void) | undefined;
}

/** What {@link usePay} returns; `pay` and `payAsync` are the same functions on every render. */
export interface PayResult {
  /** Starts a payment; call it synchronously from the click handler (popups need that). */
  pay: (orderId: string) => void;
  /**
   * `pay`, as a promise of the outcome; rejects with the LigdicashError shown, or with an
   * AbortError when the component unmounts (or an `<Activity>` hides it) first. A call while a
   * payment is under way returns that payment's promise.
   */
  payAsync: (orderId: string) => Promise<PayOutcome>;
  state: PayState;
  error?: LigdicashError | undefined;
}

/**
 * Headless pay action: one invoice request per click, however many clicks, key repeats or
 * re-renders happen while one is under way.
 * @example
 * const { pay, state } = usePay({ mode: "popup", onPaid: () => router.push("/thanks") });
 * <button onClick={() => pay(orderId)} aria-disabled={state === "loading"}>Payer</button>
 */
export function usePay(options: PayOptions = {}): PayResult {
  const config = useLigdicash();
  const [[state, error], setResult] = useState<[PayState, LigdicashError?]>(["idle"]);
  const latest = useRef<[PayOptions, LigdicashContextValue]>([options, config]);
  useEffect(() => {
    latest.current = [options, config];
  });

  const [[payAsync, pay, shown, abandon]] = useState(() => {
    // The payment under way, if any: its promise and window, how to end it and what to stop then.
    let current: Promise<PayOutcome> | undefined;
    let win: Window | null;
    let end: (outcome?: PayOutcome, error?: LigdicashError) => void = () => {};
    let stop: () => void;
    // A same-tab redirect that did not happen (cancelled by a "leave this page?" prompt).
    let resume: [orderId: string, payUrl: string] | undefined;

    const payAsync = (orderId: string): Promise<PayOutcome> => {
      if (current) {
        win?.focus();
        return current;
      }
      const [options, config] = latest.current;
      const popup = options.mode == "popup";
      // A framed shop opens a tab now, in the click: LigdiCash refuses frames, and once the
      // server has answered, the click no longer allows opening a window or leaving the frame.
      // The window is opened empty (saying `loading` until the payment page loads); blockers
      // return none, or one closed already.
      win =
        popup || top != self
          ? open("about:blank", "_blank", popup ? "width=480,height=720" : "")
          : null;
      if (win?.closed) win = null;
      const body = win?.document.body;
      if (body) body.textContent = config.messages.loading;
      const controller = new AbortController();
      stop = () => {
        controller.abort();
        win?.close();
      };
      // This payment's own end: a late answer for it must not end the next one.
      let finish: typeof end;
      const promise = (current = new Promise((resolve, reject) => {
        end = finish = (outcome, error) => {
          if (current != promise) return;
          current = undefined;
          stop();
          setResult([error ? "error" : "idle", error]);
          const options = latest.current[0];
          if (error) {
            options.onError?.(error);
            reject(error);
          } else if (outcome) {
            ({ paid: options.onPaid, failed: options.onFailed, closed: options.onClose })[
              outcome as PopupOutcome
            ]?.(orderId);
            resolve(outcome);
          } else reject(new DOMException("Payment abandoned", "AbortError"));
        };
      }));
      setResult(["loading"]);
      const again = resume?.[0] == orderId && resume[1];
      resume = undefined;
      Promise.all([
        again || request(config, orderId, controller.signal, true).then((r) => r[0]),
        // Loaded on demand; a chunk lost on a bad connection must not lose the payment.
        win && import("./watch.js").catch(() => undefined),
      ])
        .then(([payUrl, watch]) => {
          if (current != promise) return;
          latest.current[0].onBeforeRedirect?.(payUrl);
          if (win) {
            win.location.replace(payUrl);
            // Unwatched, the window still takes the shopper to pay, and back to the return page.
            if (watch)
              stop = watch.watchPopup(poller(config, orderId), win, orderId, finish, popup);
            else {
              win = null;
              finish("redirected");
            }
            return;
          }
          // No window (a blocked popup falls back to the same tab).
          navigate(payUrl);
          // Still here a few seconds later: the navigation was cancelled. Back to idle; the
          // next click goes to the same payment page.
          const timer = setTimeout(() => {
            finish("redirected");
            resume = [orderId, payUrl];
          }, 5000);
          stop = () => clearTimeout(timer);
        })
        // request(), navigate() and the shop's callback reject or throw; ending a payment that
        // is over already (the request was aborted) does nothing.
        .catch((error: LigdicashError) =>
          // Paid meanwhile (an earlier attempt completed): good news when the shop listens.
          error.code == "ALREADY_PAID" && latest.current[0].onPaid
            ? finish("paid")
            : finish(undefined, error),
        );
      return promise;
    };

    return [
      payAsync,
      (orderId: string) => void payAsync(orderId).catch(() => {}),
      // Back from the payment page through the back/forward cache: the redirect happened, and
      // the next click asks the server again (the order may be paid by now).
      (e: PageTransitionEvent) => {
        if (!e.persisted) return;
        resume = undefined;
        end("redirected");
      },
      // Unmounted, or hidden by <Activity>: abandon the payment, so that it can start again.
      () => end(),
    ] as const;
  });

  useEffect(() => {
    addEventListener("pageshow", shown);
    return () => {
      removeEventListener("pageshow", shown);
      abandon();
    };
  }, []);

  return { pay, payAsync, state, error };
}
