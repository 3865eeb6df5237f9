import type { IncomingMessage, ServerResponse } from "node:http";
import { defaultStore } from "./core/default-store.js";
import { createLigdicash, withControls, type LigdicashControls } from "./core/handler.js";
import { answerHeaders, clientGone, nodeBodySource, pathOf, queryOf } from "./core/node-request.js";
import type { LigdicashOptions } from "./core/options.js";

/** The parts of Express's `req` the middleware reads (Express 4 and 5). */
export type ExpressRequest = IncomingMessage & { body?: unknown };

/** An Express middleware that also exposes the kit's reconciler and shutdown. */
export interface LigdicashExpressMiddleware extends LigdicashControls {
  (req: ExpressRequest, res: ServerResponse, next: (error?: unknown) => void): void;
}

/**
 * Mounts `POST {basePath}/pay`, `GET {basePath}/status/:orderId[?wait=N]` and `POST {basePath}/callback`
 * on an Express 4 or 5 app, with or without a body parser before it. Other requests pass through.
 *
 * @example
 * import { ligdicash } from "@ligdicash-kit/server/express";
 * app.use(ligdicash({ getOrder: (id) => orders.find(id), onPaid: (p) => orders.markPaid(p.orderId) }));
 */
export function ligdicash(options: LigdicashOptions<ExpressRequest>): LigdicashExpressMiddleware {
  // The SQLite default opens now: a missing better-sqlite3 or an unwritable disk fails at start-up.
  const kit = createLigdicash(options, { defaultStore });
  const middleware = (
    req: ExpressRequest,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => {
    const path = pathOf(req.url);
    if (!kit.owns(path)) return next();
    kit
      .handle({
        method: req.method ?? "GET",
        path,
        query: queryOf(req.url),
        headers: req.headers,
        body: nodeBodySource(req, req.body),
        context: req,
        signal: clientGone(res),
      })
      .then((response) => {
        if (!response) return next();
        if (res.destroyed) return; // the client left: nobody to answer
        res.statusCode = response.status;
        for (const [name, value] of Object.entries(answerHeaders(req, response))) {
          res.setHeader(name, value);
        }
        res.end(response.body);
      })
      .catch(next);
  };
  return withControls(middleware, kit);
}

export type { Amount, LigdicashOptions, Order, OrderItem } from "./core/options.js";
export type { PaymentInfo } from "./model/payment.js";
