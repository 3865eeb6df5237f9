import { LigdicashError } from "./errors";

/**
 * Sends the shopper to the payment page in this tab. LigdiCash refuses to render inside a frame,
 * so a framed storefront navigates the top window; a frame may only do that when allowed
 * (same origin, or the sandbox tokens), else the payment window counts as blocked.
 */
export function navigate(url: string): void {
  try {
    // Cross-origin, only the href setter is allowed.
    top!.location.href = url;
  } catch {
    throw new LigdicashError("POPUP_BLOCKED");
  }
}
