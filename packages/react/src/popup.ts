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
 * While the payment popup is open (30 minutes at most), polls the order's status, woken early by
 * the return page's message. Once it closes, polls on for a grace minute: mobile money is often
 * approved on the phone after the shopper closed the page. Calls `end` once with `paid`,
 * `failed`, `pending` (closed, or left open, and still unpaid) or `error`. Returns a stop function.
 */
export function watchPopup(
  config: ApiConfig,
  popup: Window,
  orderId: string,
  end: (orderId: string, state: CheckState, error?: LigdicashError) => void,
): () => void {
  const poller = createPoller(config, orderId, 1_800_000);
  const onMessage = (e: MessageEvent<{ ligdicash?: unknown } | null>) => {
    if (e.origin === location.origin && e.source === popup && e.data?.ligdicash === orderId) {
      poller.wake();
    }
  };
  // The server re-confirms with LigdiCash only every few seconds, so the answer right after the
  // closing is most often a stale `pending`: keep the usual pace (restart does not hurry it).
  const interval = setInterval(() => {
    if (popup.closed) {
      clearInterval(interval);
      poller.restart(60_000);
    }
  }, 500);
  const unsubscribe = poller.subscribe(() => {
    const { state, error } = poller.get();
    if (state === "checking") return;
    // Done, or forgotten for 30 minutes: close it (closing it again when closed does nothing).
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
