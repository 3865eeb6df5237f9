import { LigdicashError } from "../core/errors.js";

export type Backend = "PostgreSQL" | "Redis" | "SQLite" | "memory";

/**
 * The store cannot serve the call now (unreachable, timed out, read-only, locked): the routes
 * answer 503 STORE_UNAVAILABLE, and LigdiCash re-sends a callback that got it. The message and
 * cause reach the shop's logs only.
 */
export function storeUnavailable(
  backend: Backend,
  message: string,
  cause?: unknown,
): LigdicashError {
  return new LigdicashError("STORE_UNAVAILABLE", `${backend} store unavailable: ${message}`, {
    cause,
  });
}

/** Any use of a store after its `close()`. */
export function storeClosed(backend: Backend): LigdicashError {
  return new LigdicashError(
    "STORE_UNAVAILABLE",
    `The ${backend} payment store is closed: it refuses every call after close().`,
  );
}

const fields = (error: unknown) =>
  (typeof error === "object" && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    syscall?: unknown;
    severity?: unknown;
    message?: unknown;
  };

/** A Node socket error (ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT…). */
const isSocketError = (error: unknown) => typeof fields(error).syscall === "string";

const PG_CLIENT =
  /connect|connection terminated|not queryable|query read timeout|timeout exceeded/i;

/**
 * A PostgreSQL error that says "not reachable now" rather than "this statement is wrong":
 * SQLSTATE classes 08 (connection), 53 (resources), 57 (shutdown, terminated backend, statement
 * timeout), 58 (system), and `pg`'s own connection and timeout errors. A constraint violation or
 * a syntax error stays what it is.
 */
export function isPostgresUnavailable(error: unknown): boolean {
  const { code, severity, message } = fields(error);
  if (typeof severity === "string" && typeof code === "string") return /^(08|53|57|58)/.test(code);
  return isSocketError(error) || (typeof message === "string" && PG_CLIENT.test(message));
}

const REDIS_CLIENT = /connection is closed|stream isn't writeable|command timed out|ready check/i;
const REDIS_BUSY = /^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN|NOREPLICAS)\b/;

/** An `ioredis` error from the connection (or a server not ready to serve), not from a script. */
export function isRedisUnavailable(error: unknown): boolean {
  const { name, message } = fields(error);
  const text = typeof message === "string" ? message : "";
  if (name === "ReplyError") return REDIS_BUSY.test(text);
  if (name === "MaxRetriesPerRequestError" || name === "AbortError") return true;
  return isSocketError(error) || REDIS_CLIENT.test(text);
}

/** A SQLite error about the file (locked, read-only, disk full or failing), not the statement. */
export function isSqliteUnavailable(error: unknown): boolean {
  const { code } = fields(error);
  return (
    typeof code === "string" && /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN)/.test(code)
  );
}
