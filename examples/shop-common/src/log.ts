import type { Logger } from "@ligdicash-kit/server";

/**
 * A readable one-line-per-event logger for the demo (`12:04:31 order paid orderId=ord_…`).
 * Any pino logger works in its place.
 */
export function lineLogger(
  write: (line: string) => void = (line) => process.stdout.write(line),
  writeError: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const format = (level: string, object: Record<string, unknown>, message = "") => {
    const time = new Date().toTimeString().slice(0, 8);
    const fields = Object.entries(object)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => `${key}=${formatValue(value)}`);
    return `${time} ${level === "info" ? "" : `${level.toUpperCase()} `}${[message, ...fields].join(" ")}\n`;
  };
  return {
    info: (object, message) => write(format("info", object, message)),
    warn: (object, message) => writeError(format("warn", object, message)),
    error: (object, message) => writeError(format("error", object, message)),
  };
}

// JSON.stringify(new Error("x")) is "{}": an error keeps only what a reader needs to act on.
function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    const suffix = typeof code === "string" || typeof code === "number" ? ` (code ${code})` : "";
    return `${value.name}: ${value.message}${suffix}`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value); // a bigint or a cycle: a log line must never throw
  }
}
