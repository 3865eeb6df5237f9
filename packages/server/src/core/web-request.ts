import type { IncomingHttpHeaders } from "node:http";
import { errorBody, LigdicashError } from "./errors.js";
import { json, type CoreRequest, type CoreResponse } from "./handler.js";

/**
 * A Web `Request` as the core takes it. A router that mounts the handler at `basePath` hands it
 * the path without that prefix (Hono's `app.mount(basePath, kit.fetch)`): such a path is put
 * back under `basePath`; a full path (Bun.serve, Deno.serve, Next.js) is taken as it is.
 */
export function fromWebRequest<Context>(
  request: Request,
  basePath: string,
  context: Context,
): CoreRequest<Context> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(basePath + "/") ? url.pathname : basePath + url.pathname;
  const headers: IncomingHttpHeaders = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const method = request.method;
  // GET and HEAD have no body; not asking spares servers that build it on demand.
  const bodiless = method === "GET" || method === "HEAD";
  return {
    method,
    path,
    query: url.search.slice(1),
    headers,
    body: { kind: "web", stream: bodiless ? null : request.body },
    context,
    // Read only by a status request that waits for a change: Deno prints a notice about its
    // `request.signal` to the first handler that reads it.
    get signal() {
      return request.signal;
    },
  };
}

/** The core's answer as a Web `Response` (no body for HEAD). */
export function toWebResponse(answer: CoreResponse, method: string): Response {
  const body = method.toUpperCase() === "HEAD" ? null : answer.body;
  return new Response(body, { status: answer.status, headers: answer.headers });
}

/** What a Web handler answers for a path under `basePath` that is none of its routes. */
export function notFound(): CoreResponse {
  const error = new LigdicashError("NOT_FOUND", "There is no such payment route.");
  return json(error.status, errorBody(error));
}
