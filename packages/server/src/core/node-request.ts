import type { IncomingMessage, ServerResponse } from "node:http";
import type { BodySource } from "./body.js";
import type { CoreResponse } from "./handler.js";

/**
 * Where the body of a Node request is: still on the socket, or already read by a body parser
 * mounted before the middleware (it leaves the stream ended and `parsed` set).
 */
export function nodeBodySource(request: IncomingMessage, parsed: unknown): BodySource {
  const consumed = request.readableEnded || (request as { _body?: unknown })._body === true;
  return consumed ? { kind: "parsed", value: parsed } : { kind: "stream", stream: request };
}

/** The path of a request URL, without its query string. */
export function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0]!;
  return path || "/";
}

/** The query string of a request URL, without "?" (empty when there is none). */
export function queryOf(url: string | undefined): string {
  const at = (url ?? "").indexOf("?");
  return at === -1 ? "" : url!.slice(at + 1);
}

/**
 * Aborts when the connection closes before the response was sent: the client left, and a
 * status request held for it must end rather than wait for nobody.
 */
export function clientGone(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * The headers to answer with. A request whose body was refused before its end (too large, too
 * slow) leaves bytes on the connection that no next request can follow: it is closed after the
 * answer instead of waiting on them.
 */
export function answerHeaders(
  request: IncomingMessage,
  response: CoreResponse,
): Record<string, string> {
  return request.complete ? response.headers : { ...response.headers, connection: "close" };
}
