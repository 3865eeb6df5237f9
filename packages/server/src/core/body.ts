import { LigdicashError } from "./errors.js";

/** Callback and pay bodies are small: anything larger is refused before it is read. */
export const BODY_LIMIT = 64 * 1024;
const DRAIN_LIMIT = 8 * 1024 * 1024;
const MAX_FORM_FIELDS = 256;
const MAX_DEPTH = 32;
const FORBIDDEN_KEY = /(^|\[)(__proto__|constructor|prototype)(\]|$)/;

export type MediaType = "json" | "form";

/**
 * A request body as the adapter found it: still unread on the socket, or already read by a body
 * parser mounted before the middleware (`express.json()`, `@koa/bodyparser`, …).
 */
export type BodySource =
  { kind: "stream"; stream: AsyncIterable<unknown> } | { kind: "parsed"; value: unknown };

/** The media type of a request, from its Content-Type header (parameters ignored). */
export function mediaType(contentType: string | undefined): MediaType | "other" | "none" {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (!type) return "none";
  if (type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type)) return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  return "other";
}

/**
 * Reads a JSON or form body, at most `BODY_LIMIT` bytes, into plain data with no prototype tricks:
 * `__proto__`, `constructor` and `prototype` keys are refused, forms are read flat (no nesting).
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
      `Send the body as ${expected.join(" or ")}.`,
    );
  }
  if (Number(headers.contentLength ?? 0) > BODY_LIMIT) throw tooLarge();
  const value =
    source.kind === "stream"
      ? decode(type, await readStream(source.stream))
      : isRaw(source.value)
        ? decode(type, rawText(source.value))
        : parsedValue(source.value);
  assertPlainData(value);
  return { type, value };
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
    if (++count > MAX_FORM_FIELDS) {
      throw new LigdicashError(
        "INVALID_REQUEST",
        `The form has more than ${MAX_FORM_FIELDS} fields.`,
      );
    }
    if (!(key in fields)) fields[key] = value;
  }
  return fields;
}

/** Refuses prototype-polluting keys and absurd nesting anywhere in the value. */
export function assertPlainData(value: unknown, depth = 0): void {
  if (typeof value !== "object" || value === null) return;
  if (depth > MAX_DEPTH)
    throw new LigdicashError("INVALID_REQUEST", "The body is nested too deeply.");
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEY.test(key)) {
      throw new LigdicashError(
        "INVALID_REQUEST",
        `The body has a forbidden key (${key.slice(0, 40)}).`,
      );
    }
    assertPlainData((value as Record<string, unknown>)[key], depth + 1);
  }
}

async function readStream(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer =
      typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    // Past the limit the rest is read and dropped, so that the client gets its 413 rather than a
    // reset connection; past the drain limit the connection is dropped.
    if (size > DRAIN_LIMIT) throw tooLarge();
    if (size <= BODY_LIMIT) chunks.push(buffer);
  }
  if (size > BODY_LIMIT) throw tooLarge();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new LigdicashError("INVALID_REQUEST", "The body is not valid UTF-8.");
  }
}

/**
 * What a body parser already decoded. Its own size limit ran first; ours still holds, measured on
 * the value re-encoded (chunked bodies carry no Content-Length to check beforehand).
 */
function parsedValue(value: unknown): unknown {
  if (JSON.stringify(value ?? null).length > BODY_LIMIT) throw tooLarge();
  return value;
}

/** A body parser that kept the raw bytes (`express.raw()`, `express.text()`). */
function isRaw(value: unknown): value is string | Uint8Array {
  return typeof value === "string" || value instanceof Uint8Array;
}

function rawText(value: unknown): string {
  if (!isRaw(value)) return "";
  if (value.length > BODY_LIMIT) throw tooLarge();
  return typeof value === "string" ? value : Buffer.from(value).toString("utf8");
}

function tooLarge(): LigdicashError {
  return new LigdicashError(
    "PAYLOAD_TOO_LARGE",
    `The body is larger than ${BODY_LIMIT / 1024} kB.`,
  );
}
