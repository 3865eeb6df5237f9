import { createLigdicash, withControls, type LigdicashControls } from "./core/handler.js";
import type { LigdicashOptions } from "./core/options.js";
import { fromWebRequest, notFound, toWebResponse } from "./core/web-request.js";

/** The kit as a Web-standard handler, with its reconciler and shutdown. */
export interface LigdicashFetch extends LigdicashControls {
  /**
   * Answers `POST {basePath}/pay`, `GET {basePath}/status/:orderId[?wait=N]` and
   * `POST {basePath}/callback`; any other path gets 404 `NOT_FOUND` (JSON). Never rejects.
   * `request.signal` ends a waiting status request when the client goes away.
   */
  fetch: (request: Request) => Promise<Response>;
}

/**
 * The kit for any server that speaks `Request`/`Response`: Hono, Bun, Deno, Node's own Web
 * handlers. Hooks get the `Request` as their context. Nothing here imports a Node built-in: only
 * the default SQLite store does, and it loads when first used (pass `storage` to leave it out).
 *
 * @example
 * import { ligdicash } from "@ligdicash-kit/server/fetch";
 * const kit = ligdicash({ getOrder, onPaid });
 * app.mount("/api/ligdicash", kit.fetch); // Hono
 * Bun.serve({ fetch: kit.fetch });
 */
export function ligdicash(options: LigdicashOptions<Request>): LigdicashFetch {
  const kit = createLigdicash(options);
  const base = kit.config.basePath;
  const handle = async (request: Request): Promise<Response> => {
    const answer = await kit.handle(fromWebRequest(request, base, request));
    return toWebResponse(answer ?? notFound(), request.method);
  };
  return withControls({ fetch: handle }, kit);
}

export type { Amount, LigdicashOptions, Order, OrderItem } from "./core/options.js";
export type { PaymentInfo } from "./model/payment.js";
