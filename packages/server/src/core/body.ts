import type { Readable } from "node:stream";
import { LigdicashError } from "./errors.js";
import { assertPlainData, MAX_ENTRIES } from "./plain-data.js";
import { readWebStream } from "./web-body.js";

/** Callback and pay bodies are small: anything larger is refused before it is read. */
export const BODY_LIMIT = 64 * 1024;
/**
 * The time a client has to send a whole body. Without it a lying Content-Length, or a client that
 * stops sending, holds the socket until Node's request timeout (300 s).
 */
export const BODY_TIMEOUT_MS = 10_000;
const DRAIN_LIMIT = 8 * 1024 * 1024;

export type MediaType = "json" | "form";

/**
 * A request body as the adapter found it: still unread on the socket, already read by a body
 * parser mounted before the middleware (`express.json()`, `@koa/bodyparser`, …), or the body of a
 * Web `Request` (fetch handlers, Next.js route handlers).
 */
export type BodySource =
  | { kind: "stream"; stream: Readable }
  | { kind: "parsed"; value: unknown }
  | { kind: "web"; stream: ReadableStream<Uint8Array> | null };

/**
 * The media type of a request, from its Content-Type header. A charset other than UTF-8 makes it
 * "other": the kit reads bytes as UTF-8 only, so a body in another encoding is refused rather than
 * read as something it does not say.
 */
export function mediaType(contentType: string | undefined): MediaType | "other" | "none" {
  const [essence, ...parameters] = contentType?.split(";") ?? [];
  const type = essence?.trim().toLowerCase();
  if (!type) return "none";
  if (!parameters.every(isUtf8Parameter)) return "other";
  if (type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type)) return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  return "other";
}

function isUtf8Parameter(parameter: string): boolean {
  const [name = "", value = ""] = parameter.split("=");
  if (name.trim().toLowerCase() !== "charset") return true;
  return /^"?(utf-?8|us-ascii)"?$/i.test(value.trim());
}

/**
 * Reads a JSON or form body, at most `BODY_LIMIT` bytes within `BODY_TIMEOUT_MS`, into plain data
 * with no prototype tricks: no key with a `__proto__`, `constructor` or `prototype` segment, no
 * absurd nesting, forms read flat (no nesting). A client that leaves mid-body gets a 4xx nobody
 * reads: it is not the shop's error.
 */
export async function readBody(
  source: BodySource,
  headers: { contentType: string | undefined; contentLength: string | undefined },
  accept: readonly MediaType[],
): Promise<{ type: MediaType; value: unknown }> {
  const type = mediaType(headers.contentType);
  if (type === "none" || type === "other" || !accept.includes(type)) {
    const expected = accept.map((t) =>
      t === "json" ? "application/json" : "application/x-www-form-urlencoded",
    );
    throw new LigdicashError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the body as ${expected.join(" or ")}, in UTF-8.`,
    );
  }
  if (Number(headers.contentLength ?? 0) > BODY_LIMIT) throw tooLarge();
  if (source.kind === "stream") {
    const value = decode(type, utf8(await readStream(source.stream)));
    assertPlainData(value);
    return { type, value };
  }
  if (source.kind === "web") {
    const limits = { maxBytes: BODY_LIMIT, timeoutMs: BODY_TIMEOUT_MS };
    const bytes = await readWebStream(source.stream, limits);
    if (bytes === "too-large") throw tooLarge();
    if (bytes === "timeout") throw timedOut();
    if (bytes === "aborted") throw aborted();
    const value = decode(type, utf8(bytes));
    assertPlainData(value);
    return { type, value };
  }
  if (isRaw(source.value)) {
    if (source.value.length > BODY_LIMIT) throw tooLarge();
    const value = decode(type, utf8(Buffer.from(source.value)));
    assertPlainData(value);
    return { type, value };
  }
  // What a body parser decoded. Shape first (its depth may be anything), then our size limit,
  // measured on the value re-encoded: its own limit may be larger, and chunked bodies carry no
  // Content-Length to check beforehand.
  assertPlainData(source.value);
  if (JSON.stringify(source.value ?? null).length > BODY_LIMIT) throw tooLarge();
  return { type, value: source.value };
}

function decode(type: MediaType, text: string): unknown {
  if (type === "form") return parseForm(text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new LigdicashError("INVALID_REQUEST", "The body is not valid JSON.");
  }
}

/** A flat, null-prototype record of form fields; the first value of a repeated field wins. */
export function parseForm(text: string): Record<string, string> {
  const fields = Object.create(null) as Record<string, string>;
  let count = 0;
  for (const [key, value] of new URLSearchParams(text)) {
    if (++count > MAX_ENTRIES) {
      throw new LigdicashError("INVALID_REQUEST", `The form has more than ${MAX_ENTRIES} fields.`);
    }
    if (!(key in fields)) fields[key] = value;
  }
  return fields;
}

/**
 * Reads a stream to its end, within the size limit and the deadline. On refusal the stream is
 * left paused, not destroyed, so that the answer can still reach the client (the adapter then
 * closes the connection, whose body was never read in full).
 */
function readStream(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => stop(timedOut()), BODY_TIMEOUT_MS);
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      // Past the limit the rest is read and dropped, so that the client gets its 413 rather than
      // a reset connection; past the drain limit the answer goes at once.
      if (size <= BODY_LIMIT) chunks.push(buffer);
      else if (size > DRAIN_LIMIT) stop(tooLarge());
    };
    const onEnd = () => stop(size > BODY_LIMIT ? tooLarge() : null);
    const onGone = () => stop(aborted());
    function stop(error: LigdicashError | null) {
      clearTimeout(timer);
      stream.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onGone);
      if (error === null) return resolve(Buffer.concat(chunks));
      // A late socket error on a body nobody reads any more must not become an unhandled event.
      stream.on("error", () => undefined).pause();
      reject(error);
    }
    if (stream.destroyed) return stop(aborted());
    stream.on("data", onData).on("end", onEnd).on("error", onGone).on("close", onGone);
  });
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new LigdicashError("INVALID_REQUEST", "The body is not valid UTF-8.");
  }
}

/** A body parser that kept the raw bytes (`express.raw()`, `express.text()`). */
function isRaw(value: unknown): value is string | Uint8Array {
  return typeof value === "string" || value instanceof Uint8Array;
}

function tooLarge(): LigdicashError {
  return new LigdicashError(
    "PAYLOAD_TOO_LARGE",
    `The body is larger than ${BODY_LIMIT / 1024} kB.`,
  );
}

function timedOut(): LigdicashError {
  return new LigdicashError(
    "REQUEST_TIMEOUT",
    `The body did not arrive within ${BODY_TIMEOUT_MS / 1000} s.`,
  );
}

function aborted(): LigdicashError {
  return new LigdicashError("INVALID_REQUEST", "The connection closed before the body arrived.");
}
