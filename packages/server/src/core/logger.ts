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
const PHONE_KEY = /phone|customer/i;
const JWT = /eyJ[\w-]{4,}\.[\w-]*\.?[\w-]*/g;

/**
 * Wraps the shop's logger so that nothing it receives carries a secret: values of secret-looking
 * keys, the API key and auth token anywhere, JWT-shaped strings (invoice tokens) and phone numbers
 * (all but the last two digits) are masked. Errors are reduced to name, code and message.
 */
export function safeLogger(logger: Logger | undefined, secrets: string[]): SafeLogger {
  if (!logger) return { debug: quiet, info: quiet, warn: quiet, error: quiet };
  const known = secrets.filter((s) => s.length >= 4);
  const scrubText = (text: string): string =>
    known.reduce(
      (out, secret) => out.split(secret).join("[redacted]"),
      text.replace(JWT, "[redacted]"),
    );
  const scrub = (value: unknown, key: string, depth: number): unknown => {
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      return { name: value.name, message: scrubText(value.message), ...(code ? { code } : {}) };
    }
    if (typeof value === "string") {
      if (SECRET_KEY.test(key)) return "[redacted]";
      if (PHONE_KEY.test(key)) return value.replace(/\d(?=\d{2})/g, "*");
      return scrubText(value);
    }
    if (typeof value !== "object" || value === null || depth > 4) return value;
    if (Array.isArray(value)) return value.map((item: unknown) => scrub(item, key, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrub(v, k, depth + 1);
    return out;
  };
  const level = (name: keyof Logger) => (object: Record<string, unknown>, message?: string) =>
    logger[name]?.(scrub(object, "", 0) as Record<string, unknown>, message && scrubText(message));
  return { debug: level("debug"), info: level("info"), warn: level("warn"), error: level("error") };
}
