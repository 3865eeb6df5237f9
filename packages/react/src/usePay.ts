import * as React from "react";
import { request } from "./api";
import type { LigdicashError } from "./errors";
import { Context } from "./LigdicashProvider";
import type { LigdicashContextValue } from "./LigdicashProvider";
import { navigate } from "./navigate";
import { noop } from "./noop";
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
  const config = React.useContext(Context);
  const [[state, error], setResult] = React.useState<[PayState, LigdicashError?]>(["idle"]);
  const [[payAsync, pay, listen, update]] = React.useState(() => {
    // The latest render's options and provider: the callbacks may change on every render.
    let latest: [PayOptions, LigdicashContextValue] = [options, config];
    // The payment under way, if any: its promise and window, and how to end it (an error, or
    // else the outcome; neither: abandoned).
    let current: Promise<PayOutcome> | undefined;
    let win: Window | null;
    let end: (error?: LigdicashError, outcome?: PayOutcome) => void = noop;
    // The last same-tab redirect, as the server answered it: the payment page to go to again
    // when the navigation was cancelled (a "leave this page?" prompt answered no).
    let resume: [orderId?: string, answer?: [payUrl: string]] = [];

    const payAsync = (orderId: string): Promise<PayOutcome> => {
      if (current) {
        win?.focus();
        return current;
      }
      const [options, config] = latest;
      const popup = options.mode == "popup";
      // A framed shop opens a tab now, in the click: LigdiCash refuses frames, and once the
      // server has answered, the click no longer allows opening a window or leaving the frame.
      // The window is opened empty (saying `loading` until the payment page loads); blockers
      // return none, or one closed already. An empty URL and target are about:blank in a new
      // window, the shortest way to say it.
      win = popup || top != self ? open("", "", popup ? "width=480,height=720" : "") : null;
      if (win?.closed) win = null;
      else win?.document.body?.append(config.messages.loading);
      // Aborted once the payment is over: that is also how a late answer, or a late timer, for
      // it is ignored.
      const controller = new AbortController();
      // What to stop when the payment ends: the empty window, until the payment page is in it.
      let stop = () => win?.close();
      setResult(["loading"]);
      return (current = new Promise((resolve, reject) => {
        // This payment's own end: a late answer or timer of it must not end the next one.
        const finish: typeof end = (end = (error, outcome) => {
          if (controller.signal.aborted) return;
          controller.abort();
          current = undefined;
          stop();
          const options = latest[0];
          // Paid meanwhile (an earlier attempt completed): good news when the shop listens.
          if (error?.code == "ALREADY_PAID" && options.onPaid) {
            outcome = "paid";
            error = undefined;
          }
          setResult([error ? "error" : "idle", error]);
          if (error) options.onError?.(error);
          else
            ({ paid: options.onPaid, failed: options.onFailed, closed: options.onClose })[
              outcome as PopupOutcome
            ]?.(orderId);
          // Abandoned: an AbortError, the abort's own reason.
          if (outcome) resolve(outcome);
          else reject(error || (controller.signal.reason as DOMException));
        });
        Promise.all([
          // A cancelled redirect of this order: the same payment page, without a new invoice.
          (resume[0] == orderId && resume[1]) || request(config, orderId, controller.signal, true),
          // Loaded on demand; a chunk lost on a bad connection must not lose the payment.
          win && import("./watch.js").catch(noop),
        ])
          .then(([[payUrl], watch]) => {
            if (controller.signal.aborted) return;
            latest[0].onBeforeRedirect?.(payUrl);
            // Used up; set again by a redirect below.
            resume = [];
            if (win) win.location.replace(payUrl);
            else {
              // No window (a blocked popup falls back to the same tab).
              navigate(payUrl);
              resume = [orderId, [payUrl]];
            }
            if (watch) stop = watch.w(poller(config, orderId), win!, orderId, finish, popup);
            else {
              // Still here a few seconds later: the navigation was cancelled. Back to idle; the
              // next click goes to the same payment page (a payment ended meanwhile ignores
              // this). An unwatched window (its code did not load) still takes the shopper to
              // pay, and back to the return page: the payment is over for this page at once.
              setTimeout(finish, win ? 0 : 5000, undefined, "redirected");
              // The payment page is in that window now: the shopper's to close.
              win = null;
            }
          })
          // request(), navigate() and the shop's callback reject or throw; ending a payment that
          // is over already (the request was aborted) does nothing.
          .catch(finish);
      }));
    };

    return [
      payAsync,
      (orderId: string) => void payAsync(orderId).catch(noop),
      () => {
        // Back from the payment page through the back/forward cache: the redirect happened, and
        // the next click asks the server again (the order may be paid by now).
        const listening = new AbortController();
        addEventListener(
          "pageshow",
          (e) => {
            if (!e.persisted) return;
            resume = [];
            end(undefined, "redirected");
          },
          listening,
        );
        return () => {
          listening.abort();
          // Unmounted, or hidden by <Activity>: abandon the payment, so that it can start again.
          end();
        };
      },
      (next: typeof latest) => {
        latest = next;
      },
    ] as const;
  });

  React.useEffect(() => update([options, config]));
  React.useEffect(listen, []);

  return { pay, payAsync, state, error };
}
