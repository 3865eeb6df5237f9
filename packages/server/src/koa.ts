import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { defaultStore } from "./core/default-store.js";
import { createLigdicash, withControls, type LigdicashControls } from "./core/handler.js";
import { answerHeaders, clientGone, nodeBodySource } from "./core/node-request.js";
import type { LigdicashOptions } from "./core/options.js";

/** The parts of Koa's `ctx` the middleware reads and writes (Koa 2 and 3). */
export interface KoaContext {
  method: string;
  path: string;
  querystring: string;
  headers: IncomingHttpHeaders;
  req: IncomingMessage;
  res: ServerResponse;
  request: { body?: unknown };
  status: number;
  body: unknown;
  respond?: boolean;
  set(field: string, value: string): void;
}

/** A Koa middleware that also exposes the kit's reconciler and shutdown. */
export interface LigdicashKoaMiddleware extends LigdicashControls {
  (ctx: KoaContext, next: () => Promise<unknown>): Promise<void>;
}

/**
 * Mounts `POST {basePath}/pay`, `GET {basePath}/status/:orderId[?wait=N]` and `POST {basePath}/callback`
 * on a Koa 2 or 3 app, with or without `@koa/bodyparser` before it. Other requests pass through.
 *
 * @example
 * import { ligdicash } from "@ligdicash-kit/server/koa";
 * app.use(ligdicash({ getOrder: (id) => orders.find(id), onPaid: (p) => orders.markPaid(p.orderId) }));
 */
export function ligdicash(options: LigdicashOptions<KoaContext>): LigdicashKoaMiddleware {
  // The SQLite default opens now: a missing better-sqlite3 or an unwritable disk fails at start-up.
  const kit = createLigdicash(options, { defaultStore });
  const middleware = async (ctx: KoaContext, next: () => Promise<unknown>): Promise<void> => {
    if (!kit.owns(ctx.path)) return void (await next());
    const response = await kit.handle({
      method: ctx.method,
      path: ctx.path,
      query: ctx.querystring,
      headers: ctx.headers,
      body: nodeBodySource(ctx.req, ctx.request.body),
      context: ctx,
      signal: clientGone(ctx.res),
    });
    if (!response) {
      await next();
      return;
    }
    // The client left: nobody to answer (Koa would still write its own response).
    if (ctx.res.destroyed) return void (ctx.respond = false);
    ctx.status = response.status;
    for (const [name, value] of Object.entries(answerHeaders(ctx.req, response))) {
      ctx.set(name, value);
    }
    ctx.body = response.body;
  };
  return withControls(middleware, kit);
}

export type { Amount, LigdicashOptions, Order, OrderItem } from "./core/options.js";
export type { PaymentInfo } from "./model/payment.js";
