/**
 * Opens an empty popup, or a new tab when `features` is empty: this must run synchronously in
 * the click handler, or browsers block it. Null when blocked, including by blockers that hand
 * back a window already closed. The blank page says `text` until the payment page loads.
 */
export function openBlank(text: string, features: string): Window | null {
  const win = open("about:blank", "_blank", features);
  if (!win || win.closed) return null;
  if (win.document.body) win.document.body.textContent = text;
  return win;
}
