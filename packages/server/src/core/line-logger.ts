import type { Logger } from "./logger.js";

/** Where the lines go: info to stdout, warnings and errors to stderr, like `console`. */
export interface LineSink {
  out: (line: string) => void;
  err: (line: string) => void;
}

const STACK_FRAMES = 3;

/**
 * The kit's default logger: one readable line per event, already redacted by `safeLogger`.
 * `2025-01-01T12:00:00.000Z ligdicash ERROR what failed: why (errno host) orderId=… → fix: …`.
 * Debug lines are dropped. Pass a pino logger to replace it, or `logger: false` to silence it.
 */
export function lineLogger(
  sink: LineSink = {
    out: (line) => void process.stdout.write(line),
    err: (line) => void process.stderr.write(line),
  },
): Logger {
  const write =
    (level: "info" | "warn" | "error") => (object: Record<string, unknown>, message?: string) =>
      (level === "info" ? sink.out : sink.err)(formatLine(level, object, message));
  return { info: write("info"), warn: write("warn"), error: write("error") };
}

/** One event as one line (no newline inside): message, error chain, fields, fix, stack. */
export function formatLine(
  level: string,
  object: Record<string, unknown>,
  message = "",
  at: Date = new Date(),
): string {
  const { err, hint, ...fields } = object;
  const error = isRecord(err) ? err : undefined;
  const parts = [`${at.toISOString()} ligdicash ${level.toUpperCase()}`];
  // The route that answers an error logs it under its own message: say it once.
  const said = error && message === error.message ? "" : message;
  const what = [said, error && describeError(error)].filter(Boolean).join(": ");
  if (what) parts.push(what);
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) parts.push(`${key}=${formatValue(value)}`);
  }
  const fix = typeof hint === "string" ? hint : error && findInChain(error, "hint");
  if (fix) parts.push(`→ fix: ${fix}`);
  const stack = error && findInChain(error, "stack");
  const shopFrames = stack && frames(stack);
  if (shopFrames) parts.push(`→ at ${shopFrames}`);
  return `${parts.join(" ").replace(/[\r\n]+/g, " ")}\n`;
}

/** `Error: db down (ECONNREFUSED 127.0.0.1:9) ← cause …`, without the kit's own class name. */
function describeError(error: Record<string, unknown>): string {
  const name = typeof error.name === "string" && error.name !== "LigdicashError" ? error.name : "";
  const message = typeof error.message === "string" ? error.message : "";
  let text = name && message ? `${name}: ${message}` : name || message;
  // The kit's detail already says what the cause chain would (`ECONNREFUSED 127.0.0.1:9`).
  if (typeof error.detail === "string") return `${text.replace(/\.$/, "")} (${error.detail})`;
  if (typeof error.code === "string" && name) text += ` (${error.code})`;
  const cause = error.cause;
  // A hook's error is already quoted in the kit's message ("onPaid threw: Error: db down").
  if (isRecord(cause) && !(typeof cause.message === "string" && text.includes(cause.message))) {
    text += ` ← ${describeError(cause)}`;
  }
  return text;
}

function findInChain(error: Record<string, unknown>, key: string): string | undefined {
  const value = error[key];
  if (typeof value === "string") return value;
  return isRecord(error.cause) ? findInChain(error.cause, key) : undefined;
}

/**
 * The first frames of the shop's own code in a stack, on one line: `fn (file:12:3) < caller
 * (file:40:5)`. Node's internals and the kit's own files say nothing the shop can act on.
 */
function frames(stack: string): string {
  return stack
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("at ") && !KIT_OR_NODE.test(line))
    .slice(0, STACK_FRAMES)
    .map((line) => line.slice(3))
    .join(" < ");
}

const KIT_OR_NODE =
  /node:internal|[\\/]@ligdicash-kit[\\/]server[\\/]|[\\/]packages[\\/]server[\\/]src[\\/]/;

function formatValue(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value); // a bigint or a cycle: a log line must never throw
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
