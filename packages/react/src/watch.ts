// Loaded on demand, by payments in a popup or a new tab and by return pages in such a popup:
// shops that only redirect never load it.
// It imports nothing at run time: what it needs comes as arguments, so that the page's own
// chunk stays whole.
import type { LigdicashError } from "./errors";
import type { Poller } from "./poller";

/** How a payment in a popup (or a new tab) ended. */
export type PopupOutcome = "paid" | "failed" | "closed";

/**
 * While the payment popup is open (30 minutes at most), watches the order's status (the page's
 * one watch of the order, shared with every component that shows it), woken early by the return page's message. Once it
 * closes, watches on for a grace minute: mobile money is often approved on the phone after the
 * shopper closed the page. Calls `end` once: `paid` or `failed`, `closed` (closed, or left open,
 * and still unpaid), or the error. A popup is closed once done (or given up on); a tab (`popup`
 * false: a framed shop's) is the shopper's to close, showing the shop's return page.
 */
function watchPopup(
  watch: Poller,
  win: Window,
  orderId: string,
  end: (error?: LigdicashError, outcome?: PopupOutcome) => void,
  popup = true,
): () => void {
  let grace: ReturnType<typeof setTimeout> | undefined;
  const onMessage = (e: MessageEvent<{ ligdicash?: unknown } | null>) => {
    if (e.origin === location.origin && e.source === win && e.data?.ligdicash === orderId) {
      watch.wake();
    }
  };
  const closed = () => end(undefined, "closed");
  // The server re-confirms with LigdiCash only every few seconds, so the answer right after the
  // closing is most often a stale `pending`: keep the usual pace, only start the grace minute.
  const interval = setInterval(() => {
    if (win.closed) grace ??= setTimeout(closed, 60_000);
  }, 500);
  const cap = setTimeout(() => {
    if (popup) win.close();
    closed();
  }, 1_800_000);
  const onChange = () => {
    const [state, error] = watch.read();
    if (state === "error") end(error);
    else if (state !== "checking") {
      if (popup) win.close();
      end(undefined, state as PopupOutcome);
    }
  };
  // A new attempt: an earlier one's failure is no answer for it.
  watch.wake();
  const unsubscribe = watch.subscribe(onChange);
  addEventListener("message", onMessage);
  // Another component may have seen the outcome already (after the caller has the stop function).
  queueMicrotask(onChange);
  return () => {
    clearInterval(interval);
    clearTimeout(grace);
    clearTimeout(cap);
    removeEventListener("message", onMessage);
    unsubscribe();
  };
}

/**
 * For a return page opened as the payment popup of a page of the same origin: wake that page's
 * status watch. The opener still believes only its own requests, never this message.
 */
function notifyOpener(orderId: string): void {
  try {
    const opener = window.opener as Window | null;
    if (opener?.location.origin === location.origin) {
      opener.postMessage({ ligdicash: orderId }, location.origin);
    }
  } catch {
    // A cross-origin opener throws on reading its location: not ours to notify.
  }
}

// The page's chunk calls these by their exported names, which minification keeps: short ones.
export { watchPopup as w, notifyOpener as n };
