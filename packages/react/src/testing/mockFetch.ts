import type { PaymentStatus } from "../api";

/**
 * One scripted answer of the mock server: a status (for /status), a payment page URL (for /pay),
 * a server error, a network failure, or a non-JSON page.
 */
export type MockAnswer =
  | PaymentStatus
  | { payUrl: string }
  | { error: string; httpStatus: number }
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
export type MockFetch = typeof fetch & { calls: MockCall[] };

function toResponse(answer: MockAnswer, retryAfter?: number): Response {
  if (answer === "network-error") throw new TypeError("Failed to fetch");
  if (answer === "html") return new Response("<!doctype html><p>Proxy error</p>", { status: 502 });
  if (typeof answer === "object" && "error" in answer) {
    const body = { error: { code: answer.error, message: "scripted error" } };
    return Response.json(body, { status: answer.httpStatus });
  }
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (answer === "pending" && retryAfter !== undefined) headers.set("Retry-After", `${retryAfter}`);
  const body = typeof answer === "string" ? { status: answer } : { ...answer, status: "pending" };
  return Response.json(body, { headers });
}

/**
 * A mock of `POST {basePath}/pay` and `GET {basePath}/status/:orderId`, for the provider's
 * `fetch` prop: no server needed.
 */
export function mockFetch(options: MockServerOptions = {}): MockFetch {
  const calls: MockCall[] = [];
  let statusIndex = 0;
  let payIndex = 0;
  const mock = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = input instanceof Request ? input.url : input.toString();
    const headers = new Headers(init.headers);
    calls.push({
      method: init.method ?? "GET",
      url,
      body: typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : undefined,
      credentials: init.credentials,
      contentType: headers.get("Content-Type"),
      signal: init.signal,
    });
    const pick = (answers: MockAnswer[], index: number) =>
      answers[Math.min(index, answers.length - 1)] ?? "pending";
    const pays = [
      options.pay ?? { payUrl: `https://checkout.ligdicash.test/invoice/${calls.length}` },
    ];
    const answer = url.endsWith("/pay")
      ? pick(pays.flat(), payIndex++)
      : (options.sharedStatusKey &&
          (localStorage.getItem(options.sharedStatusKey) as MockAnswer)) ||
        pick(options.statuses ?? ["pending"], statusIndex++);
    if (options.delay) {
      await new Promise<void>((resolve, reject) => {
        if (options.delay !== Infinity) setTimeout(resolve, options.delay);
        init.signal?.addEventListener("abort", () =>
          reject(new DOMException("Aborted", "AbortError")),
        );
      });
    }
    if (init.signal?.aborted) throw new DOMException("Aborted", "AbortError");
    return toResponse(answer, options.retryAfter);
  };
  const fetchDouble: MockFetch = Object.assign(mock, { calls });
  return fetchDouble;
}
