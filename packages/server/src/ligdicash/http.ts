import { LigdicashError } from "../core/errors.js";

const MAX_RESPONSE_BYTES = 1_000_000;

export interface CallOptions {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  fetch: typeof fetch;
  /** Human name of the call for error messages ("create", "confirm"). */
  operation: string;
}

/**
 * One HTTP call to LigdiCash that resolves the parsed JSON body or throws a LigdicashError:
 * LIGDICASH_UNAVAILABLE for timeouts, network failures and 5xx (worth a retry),
 * LIGDICASH_BAD_RESPONSE for other statuses and bodies that are not JSON.
 */
export async function callJson(options: CallOptions): Promise<unknown> {
  let response: Response;
  try {
    response = await options.fetch(options.url, {
      method: options.method,
      headers: options.headers,
      ...(options.body === undefined ? {} : { body: options.body }),
      signal: options.signal,
      redirect: "error",
    });
  } catch (cause) {
    const timedOut = options.signal.aborted;
    const message = timedOut
      ? `LigdiCash did not answer the ${options.operation} call in time.`
      : `LigdiCash could not be reached for the ${options.operation} call.`;
    const detail = timedOut
      ? `no answer from ${hostOf(options.url)}`
      : networkDetail(cause, options.url);
    throw new LigdicashError("LIGDICASH_UNAVAILABLE", message, { cause, detail });
  }
  const text = await readText(response, options);
  if (response.status === 429) {
    throw new LigdicashError(
      "LIGDICASH_RATE_LIMITED",
      `LigdiCash refused the ${options.operation} call: too many requests.`,
      { retryAfterMs: retryAfterMs(response.headers.get("retry-after")) },
    );
  }
  if (response.status >= 500) {
    throw new LigdicashError(
      "LIGDICASH_UNAVAILABLE",
      `LigdiCash answered the ${options.operation} call with HTTP ${response.status}.`,
    );
  }
  if (response.status < 200 || response.status >= 300) {
    throw new LigdicashError(
      "LIGDICASH_BAD_RESPONSE",
      `LigdiCash answered the ${options.operation} call with HTTP ${response.status}.`,
      { detail: `HTTP ${response.status} from ${hostOf(options.url)}` },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new LigdicashError(
      "LIGDICASH_BAD_RESPONSE",
      `LigdiCash answered the ${options.operation} call with something that is not JSON.`,
      {
        cause,
        detail: `${response.headers.get("content-type") ?? "no content type"} from ${hostOf(options.url)}`,
      },
    );
  }
}

async function readText(response: Response, options: CallOptions): Promise<string> {
  try {
    const length = Number(response.headers.get("content-length") ?? 0);
    if (length > MAX_RESPONSE_BYTES) throw new Error("response too large");
    const text = await response.text();
    if (text.length > MAX_RESPONSE_BYTES) throw new Error("response too large");
    return text;
  } catch (cause) {
    throw new LigdicashError(
      options.signal.aborted ? "LIGDICASH_UNAVAILABLE" : "LIGDICASH_BAD_RESPONSE",
      `LigdiCash's answer to the ${options.operation} call could not be read.`,
      { cause },
    );
  }
}

/** `Retry-After` in milliseconds (seconds or an HTTP date); 30 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  const value = header?.trim() ?? "";
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? 30_000 : Math.max(0, date - now);
}

/**
 * What the operating system said about a failed connection, for the log: undici's
 * `TypeError: fetch failed` carries it in its `cause` chain (`ECONNREFUSED 127.0.0.1:4010`,
 * `ENOTFOUND api.example`).
 */
export function networkDetail(error: unknown, url: string): string {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const fields = cause as Error & { code?: unknown; address?: unknown; port?: unknown };
    if (typeof fields.code === "string") {
      const where =
        typeof fields.address === "string"
          ? `${fields.address}${typeof fields.port === "number" ? `:${fields.port}` : ""}`
          : hostOf(url);
      return `${fields.code} ${where}`;
    }
    if (cause.cause === undefined && cause.message) {
      return `${cause.message} (${hostOf(url)})`;
    }
    cause = cause.cause;
  }
  return `no connection to ${hostOf(url)}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the API URL";
  }
}

/** Where and how to reach LigdiCash: the fetch to use, the base URL and the credential headers. */
export function connection(options: {
  apiUrl: string;
  apiKey: string;
  authToken: string;
  fetch?: typeof fetch | undefined;
}): { fetch: typeof fetch; base: string; headers: Record<string, string> } {
  return {
    fetch: options.fetch ?? globalThis.fetch,
    base: options.apiUrl.replace(/\/+$/, ""),
    headers: {
      Apikey: options.apiKey,
      Authorization: `Bearer ${options.authToken}`,
      Accept: "application/json",
    },
  };
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
