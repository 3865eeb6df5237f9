import { cronRoute } from "./core/cron-route.js";
import { createLigdicash, withControls, type LigdicashControls } from "./core/handler.js";
import type { LigdicashOptions } from "./core/options.js";
import { fromWebRequest, notFound, toWebResponse } from "./core/web-request.js";

/** Options of `ligdicashRoute()`: the kit's, plus what a serverless host needs. */
export interface LigdicashRouteOptions extends LigdicashOptions<Request> {
  /**
   * Runs the work a request started (the confirm behind a callback, a hook) after the answer is
   * sent, for as long as the platform allows: pass `after` from `next/server` (Next.js 15+) or
   * your host's `waitUntil`. Without it, each answer waits for that work (at most
   * `shutdownTimeoutMs`), so that none is frozen with the function.
   */
  waitUntil?: ((work: Promise<unknown>) => void) | undefined;
  /**
   * Protects `POST {basePath}/reconcile`, the reconciliation pass a cron calls. Env:
   * LIGDICASH_CRON_SECRET (16 characters or more). Unset: the route is off.
   */
  cronSecret?: string | undefined;
}

/** The route handlers of `app/api/ligdicash/[...path]/route.ts`, with the kit's controls. */
export interface LigdicashRoute extends LigdicashControls {
  GET: (request: Request) => Promise<Response>;
  POST: (request: Request) => Promise<Response>;
  HEAD: (request: Request) => Promise<Response>;
}

/**
 * The kit as a Next.js App Router route handler, serverless-safe: no timer runs between requests
 * (the reconciler's interval is off unless set; a cron calls `POST {basePath}/reconcile` with
 * `Authorization: Bearer <LIGDICASH_CRON_SECRET>`), and no work outlives its request unless
 * `waitUntil` hands it to the platform. Hooks get the `Request` as their context. Pass a
 * PostgreSQL or Redis store: a serverless function has no lasting disk, and the SQLite default
 * is refused, with one error naming them, where the file system is read-only.
 *
 * @example
 * // app/api/ligdicash/[...path]/route.ts
 * export const { GET, POST } = ligdicashRoute({ getOrder, onPaid, storage, waitUntil: after });
 */
export function ligdicashRoute(options: LigdicashRouteOptions): LigdicashRoute {
  const { waitUntil, cronSecret, ...kitOptions } = options;
  const kit = createLigdicash<Request>({
    ...kitOptions,
    reconcile: { ...kitOptions.reconcile, intervalMs: kitOptions.reconcile?.intervalMs ?? 0 },
  });
  const secret = cronSecret ?? (process.env.LIGDICASH_CRON_SECRET?.trim() || undefined);
  const cron = cronRoute(kit, secret);
  const base = kit.config.basePath;
  const route = async (request: Request): Promise<Response> => {
    const core = fromWebRequest(request, base, request);
    const answer = (await cron(core)) ?? (await kit.handle(core)) ?? notFound();
    const work = kit.idle(kit.config.shutdownTimeoutMs);
    if (waitUntil) waitUntil(work);
    else await work;
    return toWebResponse(answer, request.method);
  };
  return withControls({ GET: route, POST: route, HEAD: route }, kit);
}

export type { Amount, LigdicashOptions, Order, OrderItem } from "./core/options.js";
export type { PaymentInfo } from "./model/payment.js";
