import { LigdicashError } from "./errors.js";

/**
 * Refuses a browser request sent from another site (CSRF on `/pay`): the Fetch Metadata header
 * when the browser sends one, else the Origin header, must name this origin or an allowed one.
 * Requests with neither header do not come from a browser page and pass.
 */
export function assertSameOrigin(
  headers: {
    origin: string | undefined;
    secFetchSite: string | undefined;
    host: string | undefined;
  },
  allowedOrigins: readonly string[],
): void {
  const origin = headers.origin;
  const allowed =
    origin !== undefined &&
    (allowedOrigins.includes(origin) ||
      (headers.host !== undefined && hostOf(origin) === headers.host));
  const site = headers.secFetchSite?.toLowerCase();
  if (site !== undefined && site !== "same-origin" && site !== "none" && !allowed) {
    throw refused(origin, allowedOrigins);
  }
  if (origin !== undefined && !allowed) throw refused(origin, allowedOrigins);
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function refused(origin: string | undefined, allowedOrigins: readonly string[]): LigdicashError {
  const from = origin === undefined ? "another site" : JSON.stringify(origin.slice(0, 200));
  return new LigdicashError(
    "CROSS_SITE_REQUEST",
    "Payments can only be started from the shop's own pages.",
    {
      hint:
        `POST /pay came from ${from}, not from ${allowedOrigins.join(" or ")}. ` +
        "If that is your storefront, set LIGDICASH_STOREFRONT_URL to its origin (or add it to allowedOrigins); " +
        "with a dev server on another port, proxy /api to the shop instead.",
    },
  );
}
