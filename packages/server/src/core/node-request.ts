import type { IncomingMessage } from "node:http";
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
