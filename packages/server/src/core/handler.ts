import type { IncomingHttpHeaders } from "node:http";
import * as v from "valibot";
import { readBody, type BodySource } from "./body.js";
import { receiveCallback } from "./callback.js";
import { createCheckout, PayRequest } from "./checkout.js";
import { resolveConfig, type Config } from "./config.js";
import { createEngine, type Engine } from "./engine.js";
import { errorBody, LigdicashError, toLigdicashError } from "./errors.js";
import type { DefaultStore } from "./lazy-store.js";
import type { LigdicashOptions } from "./options.js";
import { assertSameOrigin } from "./origin.js";
import { createPayouts, type PayoutsApi, type RefundOptions } from "./payouts/index.js";
import type { PayoutInfo } from "../model/payout.js";
import { toPaymentInfo, type PaymentInfo } from "../model/payment.js";
import { reconcile, startReconciler, type Reconciler, type ReconcileReport } from "./reconcile.js";
import { answerStatus } from "./status-route.js";
import { createStatusWaiters } from "./status-waiters.js";
import type { Timers } from "./timers.js";

/** A request as every adapter hands it to the core. `path` is relative to the mount point. */
export interface CoreRequest<Context = unknown> {
  method: string;
  path: string;
  /** The query string, without "?": the status route reads `wait` from it. */
  query?: string | undefined;
  headers: IncomingHttpHeaders;
  body: BodySource;
  context: Context;
  /** Aborts when the client goes away: a status request it holds then ends. */
  signal?: AbortSignal | undefined;
}

/** What the adapter writes back. */
export interface CoreResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The framework-free kit: what both adapters wrap. */
export interface Ligdicash<Context = unknown> {
  /** Whether a path is under `basePath`: a cheap, synchronous test that lets others pass untouched. */
  owns: (path: string) => boolean;
  /** Answers a request for one of the routes, or resolves null when it is not ours. Never rejects. */
  handle: (request: CoreRequest<Context>) => Promise<CoreResponse | null>;
  /**
   * The payment attempts of an order, newest first, without their secrets (for an admin page):
   * status, amount, operator, `refunded`.
   */
  paymentsOf: (orderId: string) => Promise<PaymentInfo[]>;
  /** Payouts: send, get, list, resolve (see the README's "Payouts and refunds"). */
  payouts: PayoutsApi;
  /**
   * Pays back the payer of an order's paid payment (all that is left, or `amount` with an `id`
   * of yours), exactly once per refund id; never more than was paid, whatever runs at once.
   *
   * @example
   * await kit.refund("order_42", { reason: "Out of stock" });
   */
  refund: (orderId: string, options: RefundOptions) => Promise<PayoutInfo>;
  /** One reconciliation pass (see `startReconciler` to run it on a timer). */
  reconcile: (options?: { now?: number }) => Promise<ReconcileReport>;
  startReconciler: (options?: { intervalMs?: number }) => Reconciler;
  /**
   * Resolves once no work started by a request is still running here (the confirm behind a
   * callback, a hook), or after `timeoutMs` (default 30 s); true when idle. On a serverless
   * platform, await it (or hand it to `waitUntil`) before the function returns.
   */
  idle: (timeoutMs?: number) => Promise<boolean>;
  /**
   * Graceful shutdown (call it on SIGTERM): routes answer 503 from now on, waiting status
   * requests are answered with the current status, reconcilers stop, hooks and confirms still
   * running are waited for (at most `shutdownTimeoutMs`), then the store closes.
   */
  close: () => Promise<void>;
  readonly config: Config<Context>;
}

type Route = "pay" | "status" | "callback";

/**
 * Builds the kit from options (validated now: a bad option throws at start-up).
 *
 * @example
 * const kit = createLigdicash({ getOrder, onPaid });
 * const response = await kit.handle({ method, path, headers, body, context });
 */
export function createLigdicash<Context>(
  options: LigdicashOptions<Context>,
  internals: { timers?: Timers; defaultStore?: DefaultStore } = {},
): Ligdicash<Context> {
  const config = resolveConfig(options, process.env, internals.defaultStore);
  const engine = createEngine(config, internals.timers);
  const startCheckout = createCheckout(engine);
  const waiters = createStatusWaiters(engine);
  const payouts = createPayouts(engine as Engine<unknown>);
  const reconcilers = new Set<Reconciler>();
  const base = config.basePath;
  let closing: Promise<void> | null = null;

  function match(method: string, path: string): [Route, string] | null {
    if (!path.startsWith(base + "/")) return null;
    const rest = path.slice(base.length);
    if (method === "POST" && rest === "/pay") return ["pay", ""];
    if (method === "POST" && rest === "/callback") return ["callback", ""];
    if ((method === "GET" || method === "HEAD") && /^\/status\/[^/]+$/.test(rest)) {
      return ["status", rest.slice("/status/".length)];
    }
    return null;
  }

  async function route(
    name: Route,
    param: string,
    request: CoreRequest<Context>,
  ): Promise<CoreResponse> {
    const headers = request.headers;
    const contentHeaders = {
      contentType: headers["content-type"],
      contentLength: headers["content-length"],
    };
    if (name === "pay") {
      assertSameOrigin(
        {
          origin: headers.origin,
          secFetchSite: one(headers["sec-fetch-site"]),
          host: headers.host,
        },
        config.allowedOrigins,
      );
      const { value } = await readBody(request.body, contentHeaders, ["json"]);
      const parsed = v.safeParse(PayRequest, value);
      if (!parsed.success) throw new LigdicashError("INVALID_REQUEST", parsed.issues[0].message);
      return json(200, await startCheckout(parsed.output.orderId, request.context));
    }
    if (name === "status") {
      const answer = await answerStatus(engine, waiters, {
        orderId: decode(param),
        query: request.query,
        // Read when the request waits, not before (see fromWebRequest).
        get signal() {
          return request.signal;
        },
      });
      return json(200, answer.body, answer.headers);
    }
    const { value } = await readBody(request.body, contentHeaders, ["json", "form"]);
    if (!(await payouts.receiveCallback(value))) await receiveCallback(engine, value);
    return json(200, { received: true });
  }

  async function shutdown(): Promise<void> {
    // The shoppers waiting get an answer now, not after the hooks: the store still serves.
    await Promise.all([waiters.close(), ...[...reconcilers].map((r) => r.stop())]);
    const limit = config.shutdownTimeoutMs;
    if (!(await engine.tasks.drain(limit))) {
      engine.abortHooks("the shop is shutting down");
      config.log.error(
        { running: engine.tasks.size, waitedMs: limit },
        "close(): hooks still running after shutdownTimeoutMs; closing anyway, another instance retries them once their lease expires",
      );
    }
    await config.storage.close();
  }

  function track(opts?: { intervalMs?: number }): Reconciler {
    const reconciler = startReconciler(engine, { ...opts, payouts: payouts.reconcile });
    reconcilers.add(reconciler);
    return {
      stop: async () => {
        reconcilers.delete(reconciler);
        await reconciler.stop();
      },
    };
  }
  /** Money moves only while the kit is open: `close()` must not cut a create in two. */
  function open<T>(action: () => Promise<T>): Promise<T> {
    if (closing) {
      return Promise.reject(
        new LigdicashError("SHUTTING_DOWN", "The shop is restarting: try again shortly."),
      );
    }
    return engine.tasks.run(action);
  }

  // Healing is on by default: lost callbacks and failed hooks are found without anyone polling.
  if (config.reconcile.intervalMs > 0) track({ intervalMs: config.reconcile.intervalMs });

  return {
    config,
    owns: (path) => path.startsWith(base + "/"),
    async handle(request) {
      const found = match(request.method.toUpperCase(), request.path);
      if (!found) return null;
      try {
        if (closing) {
          throw new LigdicashError("SHUTTING_DOWN", "The shop is restarting: try again shortly.");
        }
        return await route(found[0], found[1], request);
      } catch (cause) {
        const error = toLigdicashError(cause);
        if (error.status >= 500 || error.hint !== undefined) {
          const level = error.status >= 500 ? "error" : "warn";
          config.log[level]({ route: found[0], code: error.code, err: error }, error.message);
        }
        return json(error.status, errorBody(error));
      }
    },
    paymentsOf: async (orderId) =>
      (await config.storage.listByOrder(orderId)).map((p) => toPaymentInfo(p)),
    payouts: {
      send: (input) => open(() => payouts.api.send(input)),
      get: (id) => payouts.api.get(id),
      list: (query) => payouts.api.list(query),
      resolve: (id, outcome) => open(() => payouts.api.resolve(id, outcome)),
    },
    refund: (orderId, refundOptions) => open(() => payouts.refund(orderId, refundOptions)),
    // A pass may send payouts again: none starts once close() has begun, and close() waits for
    // a running one.
    reconcile: (opts) => open(() => reconcile(engine, { ...opts, payouts: payouts.reconcile })),
    startReconciler: track,
    idle: (timeoutMs = 30_000) => engine.tasks.drain(timeoutMs),
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}

/** A JSON answer, never cached: every route's. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): CoreResponse {
  return {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function decode(segment: string): string {
  try {
    const value = decodeURIComponent(segment);
    if (value.length > 0 && value.length <= 128 && !/\p{Cc}/u.test(value)) return value;
  } catch {
    // fall through
  }
  throw new LigdicashError("INVALID_REQUEST", "The order id in the URL is not valid.");
}

/** The kit's controls, as adapters expose them on the middleware function. */
export type LigdicashControls = Pick<
  Ligdicash,
  "paymentsOf" | "payouts" | "refund" | "reconcile" | "startReconciler" | "idle" | "close"
>;

/** Hangs the kit's controls on a framework middleware function. */
export function withControls<F extends object>(
  middleware: F,
  kit: Ligdicash<never>,
): F & LigdicashControls {
  return Object.assign(middleware, {
    paymentsOf: kit.paymentsOf,
    payouts: kit.payouts,
    refund: kit.refund,
    reconcile: kit.reconcile,
    startReconciler: kit.startReconciler,
    idle: kit.idle,
    close: kit.close,
  });
}
