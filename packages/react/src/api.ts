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

/**
 * One round trip to the server middleware: `POST /pay` when `pay` is set (resolves to the
 * payment page URL), else `GET /status/:orderId` (resolves to the status). The second value is
 * the server's `Retry-After` in milliseconds, 0 when none. Rejects with a LigdicashError, except
 * that an abort rejects as it is.
 */
export async function request(
  config: ApiConfig,
  orderId: string,
  signal: AbortSignal,
  pay?: boolean,
): Promise<[value: string, retryAfter: number]> {
  let res: Response | undefined;
  let body: { payUrl?: unknown; status?: unknown; error?: { code?: unknown } } | undefined;
  try {
    res = await (config.fetch ?? fetch)(
      config.basePath + (pay ? "/pay" : "/status/" + encodeURIComponent(orderId)),
      {
        credentials: "same-origin",
        signal,
        ...(pay
          ? {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ orderId }),
            }
          : { cache: "no-store" }),
      },
    );
    body = (await res.json()) as typeof body;
  } catch (e) {
    if (signal.aborted) throw e;
    // No answer at all, or one that is not JSON (a proxy's or captive portal's HTML page):
    // both end as an error below.
  }
  const value = body?.[pay ? "payUrl" : "status"];
  // Only ever navigate to a web page: a javascript: URL here would run inside the shop.
  if (
    res?.ok &&
    typeof value === "string" &&
    (pay ? /^https?:\/\//i : /^(pending|paid|failed)$/).test(value)
  ) {
    return [value, +res.headers.get("Retry-After")! * 1000 || 0];
  }
  const code = body?.error?.code;
  throw new LigdicashError(
    typeof code === "string" ? code : res ? "BAD_RESPONSE" : "NETWORK_ERROR",
    res?.status,
  );
}
