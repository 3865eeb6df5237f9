import { createPoller } from "./poller";
import type { ApiConfig } from "./api";
import type { CheckState } from "./poller";
import type { LigdicashError } from "./errors";

/**
 * Opens an empty popup: this must run synchronously in the click handler, or browsers block it.
 * Null when blocked anyway. The blank page says `text` until the payment page loads.
 */
export function openBlankPopup(text: string): Window | null {
  const popup = open("about:blank", "_blank", "width=480,height=720");
  if (popup?.document.body) popup.document.body.textContent = text;
  return popup;
}

/**
 * While the payment popup is open, polls the order's status (woken early by the return page's
 * message) and watches for the popup closing, after which the next answer is final. Calls `end`
 * once with `paid`, `failed`, `pending` (closed unpaid) or `error`. Returns a stop function.
 */
export function watchPopup(
  config: ApiConfig,
  popup: Window,
  orderId: string,
  end: (orderId: string, state: CheckState, error?: LigdicashError) => void,
): () => void {
  const poller = createPoller(config, orderId, Infinity);
  const onMessage = (e: MessageEvent<{ ligdicash?: unknown } | null>) => {
    if (e.origin === location.origin && e.source === popup && e.data?.ligdicash === orderId) {
      poller.wake();
    }
  };
  // Zero budget: once the popup is closed, the next answer is final, `pending` included (until
  // it comes, restarting again only moves the deadline to now).
  const interval = setInterval(() => popup.closed && poller.restart(0), 500);
  const unsubscribe = poller.subscribe(() => {
    const { state, error } = poller.get();
    if (state === "checking") return;
    // Paid or failed: the popup has done its job (closing it again when closed does nothing).
    if (state !== "error") popup.close();
    end(orderId, state, error);
  });
  addEventListener("message", onMessage);
  return () => {
    clearInterval(interval);
    removeEventListener("message", onMessage);
    unsubscribe();
  };
}

/**
 * For a return page opened as the payment popup of a page of the same origin: wake that page's
 * status poll. The opener still believes only its own poll, never this message.
 */
export function notifyOpener(orderId: string): void {
  try {
    const opener = window.opener as Window | null;
    if (opener?.location.origin === location.origin) {
      opener.postMessage({ ligdicash: orderId }, location.origin);
    }
  } catch {
    // A cross-origin opener throws on reading its location: not ours to notify.
  }
}
