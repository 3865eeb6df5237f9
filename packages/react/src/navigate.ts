import { LigdicashError } from "./errors";

/**
 * Sends the shopper to the payment page in this tab. LigdiCash refuses to render inside a frame,
 * so a framed storefront navigates the top window, or opens a new tab when the frame may not.
 */
export function navigate(url: string, win: Window = window): void {
  if (win.top === win.self) return win.location.assign(url);
  try {
    // Cross-origin, only the href setter is allowed, and only if the frame may navigate top.
    win.top!.location.href = url;
  } catch {
    // Sandboxed, or a framebusting intervention: try a new tab instead.
    if (!win.open(url, "_blank")) throw new LigdicashError("POPUP_BLOCKED");
  }
}
