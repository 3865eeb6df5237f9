import { connect, type Socket } from "node:net";

/**
 * An HTTP/1.1 request written byte for byte: what `fetch` will not send (lying lengths, raw
 * control characters, unfinished chunked bodies, invalid UTF-8, a socket closed mid-body).
 */
export interface RawRequest {
  method: string;
  /** The request target exactly as written on the request line. */
  path: string;
  /** Host and `Connection: close` are added; a body adds its Content-Length unless one is given. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent with `Transfer-Encoding: chunked`, one chunk each, then the last chunk. */
  chunks?: Array<string | Buffer>;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The bytes of a request, as the client writes them. */
export function encodeRequest(request: RawRequest, host: string): Buffer {
  const headers: Record<string, string> = { host, connection: "close", ...request.headers };
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  let body = Buffer.alloc(0);
  if (request.chunks) {
    headers["transfer-encoding"] = "chunked";
    const parts = request.chunks.map((chunk) => {
      const bytes = Buffer.from(chunk);
      return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, CRLF]);
    });
    body = Buffer.concat([...parts, Buffer.from("0\r\n\r\n")]);
  } else if (request.body !== undefined) {
    body = Buffer.from(request.body);
    const framed = names.includes("content-length") || names.includes("transfer-encoding");
    if (!framed) headers["content-length"] = String(body.length);
  }
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  return Buffer.concat([
    Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\n${head}\r\n`, "latin1"),
    body,
  ]);
}

/**
 * Opens a connection, writes `bytes` and collects what comes back until the server closes it.
 * `response` resolves null when the connection closed without an answer.
 */
export function openRaw(
  port: number,
  bytes: Buffer,
): { socket: Socket; response: Promise<RawResponse | null> } {
  const socket = connect(port, "127.0.0.1");
  const received: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => received.push(chunk));
  // The server may close while the client is still writing (a refused body): what it answered
  // before that still counts.
  socket.on("error", () => undefined);
  const response = new Promise<RawResponse | null>((resolve) => {
    socket.on("close", () => resolve(parseResponse(Buffer.concat(received))));
  });
  socket.write(bytes);
  return { socket, response };
}

/** Sends a whole request and waits for the answer. */
export function sendRaw(port: number, request: RawRequest): Promise<RawResponse | null> {
  return openRaw(port, encodeRequest(request, `127.0.0.1:${port}`)).response;
}

function parseResponse(bytes: Buffer): RawResponse | null {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine = "", ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(end + 4);
  const body = headers["transfer-encoding"] === "chunked" ? dechunk(rest) : rest;
  return { status: Number(statusLine.split(" ")[1]), headers, body: body.toString("utf8") };
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf("\r\n", at);
    const size = lineEnd < 0 ? 0 : parseInt(bytes.subarray(at, lineEnd).toString("latin1"), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

const CRLF = Buffer.from("\r\n");
