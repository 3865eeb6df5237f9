import { LigdicashError } from "./errors";

/** Where and how the browser talks to the server middleware. */
export interface ApiConfig {
  /** Mount path of the server middleware, without a trailing slash. */
  basePath: string;
  /** Replaces the global `fetch` (tests, stories, custom headers). */
  fetch?: typeof fetch | undefined;
}

/** Status of an order, as `GET {basePath}/status/:orderId` reports it. */
export type PaymentStatus = "pending" | "paid" | "failed";

/** Seconds a status request asks the server to hold it while the status does not change. */
export const WAIT = 25;

/**
 * One round trip to the server middleware: `POST /pay` when `pay` is set (resolves to the
 * payment page URL), else `GET /status/:orderId`, asking the server to hold it up to WAIT
 * seconds when `wait` is set (resolves to the status). Also resolves to the server's
 * `Retry-After` in ms (0 when none) and whether the server held the request (it says so with
 * `X-Ligdicash-Wait`; a server that cannot wait ignores the query and answers at once).
 * Rejects with a LigdicashError, except that an abort rejects as it is.
 */
export async function request(
  config: ApiConfig,
  orderId: string,
  signal: AbortSignal,
  pay?: boolean,
  wait?: boolean,
): Promise<[value: string, retryAfter: number, held: boolean]> {
  const url =
    config.basePath +
    (pay ? "/pay" : "/status/" + encodeURIComponent(orderId) + (wait ? "?wait=" + WAIT : ""));
  let res: Response | undefined;
  let body: { payUrl?: unknown; status?: unknown; error?: { code?: unknown } } | undefined;
  try {
    // Same-origin credentials and no HTTP cache (the server says no-store) are the defaults.
    res = await (config.fetch ?? fetch)(url, {
      signal,
      ...(pay && {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ orderId }),
      }),
    });
    body = (await res.json()) as typeof body;
  } catch (e) {
    if (signal.aborted) throw e;
    // No answer at all, or one that is not JSON: both end as an error below.
  }
  // Seconds, or an HTTP date; on errors too (a 503 or 429 says when to come back).
  const hint = res?.headers.get("Retry-After") as string;
  const retryAfter = Math.max(0, +hint * 1000 || Date.parse(hint) - Date.now() || 0);
  const value = body?.[pay ? "payUrl" : "status"];
  const code = body?.error?.code;
  if (
    res?.ok &&
    typeof value === "string" &&
    // Only ever a web page, and https unless this page is http too (development): a
    // javascript: URL would run inside the shop, an http: one would downgrade the payment.
    (pay
      ? /^https?:\/\//.test(value) && (value[4] == "s" || location.protocol == "http:")
      : /^(pending|paid|failed)$/.test(value))
  ) {
    return [value, retryAfter, res.headers.has("X-Ligdicash-Wait")];
  }
  if (
    process.env.NODE_ENV !== "production" &&
    res &&
    res.status < 500 &&
    value === undefined &&
    typeof code !== "string"
  ) {
    // Not the kit's JSON, and no proxy failure: a catch-all or a 404 handler answered instead.
    console.error(
      `ligdicash-kit: ${url} answered ${res.status} (${res.headers.get("Content-Type")}), not the kit's JSON: the kit's routes are shadowed. Mount the ligdicash middleware before your SPA catch-all (app.get("*")) and your 404 handler, and proxy ${config.basePath} to the server in development.`,
    );
  }
  throw new LigdicashError(
    typeof code === "string" ? code : res ? "BAD_RESPONSE" : "NETWORK_ERROR",
    res?.status,
    retryAfter,
  );
}
