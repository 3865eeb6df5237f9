import type { PaymentStatus } from "../api";

/**
 * One scripted answer of the mock server: a status (for /status), a payment page URL (for /pay),
 * a server error (with a `Retry-After` value, seconds or an HTTP date), a network failure, a
 * proxy's HTML error page (502), or an HTML page with another status (an SPA catch-all's
 * index.html with 200, a 404 page).
 */
export type MockAnswer =
  | PaymentStatus
  | { payUrl: string }
  | { error: string; httpStatus: number; retryAfter?: string }
  | { html: number }
  | "network-error"
  | "html";

/** Scripts the server middleware for tests and stories. */
export interface MockServerOptions {
  /** Answers to successive `POST /pay`; the last one repeats. Default: a payment page URL. */
  pay?: MockAnswer | MockAnswer[];
  /** Answers to successive `GET /status/:orderId`; the last one repeats. Default: pending. */
  statuses?: MockAnswer[];
  /** `Retry-After` sent with pending statuses, in seconds. */
  retryAfter?: number;
  /** Delay before each answer in ms; `Infinity` never answers (a request stuck in flight). */
  delay?: number;
  /**
   * A server that waits: a status request with `?wait=N` and a pending answer is held until
   * {@link MockFetch.settle} or N seconds (`holdMs` if set), then answered with
   * `X-Ligdicash-Wait: N`. Without it, the query is ignored as an older server would.
   */
  wait?: boolean;
  /** How long a waiting request is held at most, in ms; default the `wait` it asked for. */
  holdMs?: number;
  /**
   * A localStorage key whose value, when set, overrides the scripted statuses: windows of the
   * same origin (a shop and its payment popup) then share one pretend server.
   */
  sharedStatusKey?: string;
}

/** A request the mock received. */
export interface MockCall {
  method: string;
  url: string;
  body?: unknown;
  credentials?: RequestCredentials | undefined;
  contentType?: string | null;
  signal?: AbortSignal | null | undefined;
}

/** A `fetch` double that answers like the server middleware, plus the requests it received. */
export type MockFetch = typeof fetch & {
  calls: MockCall[];
  /** The order settles: held requests answer with this status, and so do later ones. */
  settle(status: PaymentStatus): void;
};

function toResponse(answer: MockAnswer, retryAfter?: number, waited?: string): Response {
  if (answer === "network-error") throw new TypeError("Failed to fetch");
  if (answer === "html") return new Response("<!doctype html><p>Proxy error</p>", { status: 502 });
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (typeof answer === "object" && "html" in answer) {
    headers.set("Content-Type", "text/html");
    return new Response("<!doctype html><div id=root></div>", { status: answer.html, headers });
  }
  if (typeof answer === "object" && "error" in answer) {
    if (answer.retryAfter) headers.set("Retry-After", answer.retryAfter);
    const body = { error: { code: answer.error, message: "scripted error" } };
    return Response.json(body, { status: answer.httpStatus, headers });
  }
  if (answer === "pending" && retryAfter !== undefined) headers.set("Retry-After", `${retryAfter}`);
  if (waited) headers.set("X-Ligdicash-Wait", waited);
  const body = typeof answer === "string" ? { status: answer } : { ...answer, status: "pending" };
  return Response.json(body, { headers });
}

// Like fetch: an abort rejects with the signal's reason.
const aborted = (signal: AbortSignal): Error =>
  (signal.reason as Error | undefined) ??
  new DOMException("The operation was aborted.", "AbortError");

/**
 * A mock of `POST {basePath}/pay` and `GET {basePath}/status/:orderId`, for the provider's
 * `fetch` prop: no server needed.
 */
export function mockFetch(options: MockServerOptions = {}): MockFetch {
  const calls: MockCall[] = [];
  let statusIndex = 0;
  let payIndex = 0;
  let settled: PaymentStatus | undefined;
  const held = new Set<() => void>();

  const mock = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = input instanceof Request ? input.url : input.toString();
    const headers = new Headers(init.headers);
    const signal = init.signal ?? undefined;
    calls.push({
      method: init.method ?? "GET",
      url,
      body: typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : undefined,
      credentials: init.credentials,
      contentType: headers.get("Content-Type"),
      signal,
    });
    const pick = (answers: MockAnswer[], index: number) =>
      answers[Math.min(index, answers.length - 1)] ?? "pending";
    const pays = [
      options.pay ?? { payUrl: `https://checkout.ligdicash.test/invoice/${calls.length}` },
    ];
    const isPay = url.endsWith("/pay");
    const shared =
      options.sharedStatusKey && (localStorage.getItem(options.sharedStatusKey) as MockAnswer);
    const answer = isPay
      ? pick(pays.flat(), payIndex++)
      : (settled ?? (shared || pick(options.statuses ?? ["pending"], statusIndex++)));
    const until = (ms: number, early?: Set<() => void>) =>
      new Promise<void>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          early?.delete(done);
          resolve();
        };
        const timer = ms === Infinity ? undefined : setTimeout(done, ms);
        early?.add(done);
        signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          early?.delete(done);
          reject(aborted(signal));
        });
      });
    if (options.delay) await until(options.delay);
    if (signal?.aborted) throw aborted(signal);
    const wait = !isPay && options.wait ? new URL(url, "http://x").searchParams.get("wait") : null;
    if (wait && answer === "pending") {
      await until(options.holdMs ?? +wait * 1000, held);
      return toResponse(settled ?? "pending", options.retryAfter, wait);
    }
    return toResponse(answer, options.retryAfter, wait ?? undefined);
  };
  const fetchDouble: MockFetch = Object.assign(mock, {
    calls,
    settle(status: PaymentStatus) {
      settled = status;
      held.forEach((wake) => wake());
    },
  });
  return fetchDouble;
}
