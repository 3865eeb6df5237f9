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
      .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
    return `${time} ${level === "info" ? "" : `${level.toUpperCase()} `}${[message, ...fields].join(" ")}\n`;
  };
  return {
    info: (object, message) => write(format("info", object, message)),
    warn: (object, message) => writeError(format("warn", object, message)),
    error: (object, message) => writeError(format("error", object, message)),
  };
}
