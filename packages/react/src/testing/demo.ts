/** Where the pretend LigdiCash page records the outcome, for the shop's window to poll. */
export const DEMO_STATUS_KEY = "ligdicash-demo-status";

/** URL of a story of the pretend LigdiCash, as a page of its own (the payment popup opens it). */
export function demoPageUrl(story: "page" | "return", search = ""): string {
  const base = typeof location === "undefined" ? "http://localhost/" : location.href;
  const url = new URL("iframe.html", base);
  url.search = `?id=demo-pretend-ligdicash--${story}&viewMode=story${search}`;
  return url.href;
}
