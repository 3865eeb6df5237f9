import { lineLogger } from "./line-logger.js";

/** The part of a pino (or console-like) logger the kit calls: `logger.warn({ paymentId }, "message")`. */
export interface Logger {
  debug?(object: Record<string, unknown>, message?: string): void;
  info(object: Record<string, unknown>, message?: string): void;
  warn(object: Record<string, unknown>, message?: string): void;
  error(object: Record<string, unknown>, message?: string): void;
}

export type SafeLogger = Required<Logger>;

const quiet = (): void => undefined;
const SECRET_KEY = /token|apikey|api_key|authorization|secret|password/i;
const PHONE_KEY = /phone|customer|beneficiary|payer/i;
const JWT = /eyJ[\w-]{4,}\.[\w-]*\.?[\w-]*/g;
/** Digit runs as long as a phone number with its country code, wherever they appear in text. */
const PHONE_IN_TEXT = /(?<![\w.:-])\+?\d{8,15}(?![\w.:-])/g;

/**
 * Wraps the shop's logger so that nothing it receives carries a secret: values of secret-looking
 * keys, the API key and auth token anywhere, JWT-shaped strings (invoice tokens) and phone numbers
 * (all but the last two digits) are masked. Errors become plain objects: name, code, message, the
 * kit's `hint` and `detail`, their cause, and the stack of errors that are not the kit's own (a
 * hook's). Without a logger the kit prints one line per event (`lineLogger`); `false` silences it.
 * An error object logged twice (where it happened, then by the route that answered it) is logged
 * once.
 */
export function safeLogger(logger: Logger | false | undefined, secrets: string[]): SafeLogger {
  if (logger === false) return { debug: quiet, info: quiet, warn: quiet, error: quiet };
  const target = logger ?? lineLogger();
  const known = secrets.filter((s) => s.length >= 4);
  const logged = new WeakSet<object>();
  const scrubText = (text: string): string =>
    known.reduce(
      (out, secret) => out.split(secret).join("[redacted]"),
      text.replace(JWT, "[redacted]").replace(PHONE_IN_TEXT, maskDigits),
    );
  const scrubError = (error: Error, depth: number): Record<string, unknown> => {
    const fields = error as Error & { code?: unknown; hint?: unknown; detail?: unknown };
    const out: Record<string, unknown> = { name: error.name, message: scrubText(error.message) };
    if (fields.code !== undefined) out.code = fields.code;
    for (const key of ["detail", "hint"] as const) {
      const value = fields[key];
      if (typeof value === "string") out[key] = scrubText(value);
    }
    // The kit's own stack says nothing to a shop; a hook's says where the shop's code failed.
    if (error.name !== "LigdicashError" && error.stack) out.stack = scrubText(error.stack);
    if (error.cause instanceof Error && depth < 3) out.cause = scrubError(error.cause, depth + 1);
    return out;
  };
  const scrub = (value: unknown, key: string, depth: number): unknown => {
    if (value instanceof Error) return scrubError(value, 0);
    if (typeof value === "string") {
      if (SECRET_KEY.test(key)) return "[redacted]";
      if (PHONE_KEY.test(key)) return maskDigits(value);
      return scrubText(value);
    }
    if (typeof value !== "object" || value === null || depth > 4) return value;
    if (Array.isArray(value)) return value.map((item: unknown) => scrub(item, key, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrub(v, k, depth + 1);
    return out;
  };
  const level = (name: keyof Logger) => (object: Record<string, unknown>, message?: string) => {
    const err = object.err;
    if (err instanceof Error && name !== "debug") {
      if (logged.has(err)) return;
      logged.add(err);
    }
    target[name]?.(scrub(object, "", 0) as Record<string, unknown>, message && scrubText(message));
  };
  return { debug: level("debug"), info: level("info"), warn: level("warn"), error: level("error") };
}

function maskDigits(text: string): string {
  return text.replace(/\d(?=\d{2})/g, "*");
}
