import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { LigdicashError } from "./errors.js";
import type { SafeLogger } from "./logger.js";
import { SqlitePaymentStore } from "../storage/sqlite.js";

/**
 * The store used when the shop passes none: a SQLite file at LIGDICASH_DB, else
 * `.ligdicash/payments.db` in the app's folder: the nearest folder with a package.json, from the
 * working directory up, so that starting the app from a subfolder does not open a second, empty
 * database. A new file is announced with its absolute path. Where the file cannot be written (a
 * read-only file system, as on serverless platforms) it fails with one error that says what to use.
 */
export function defaultStore(
  env: Record<string, string | undefined>,
  log: SafeLogger,
  cwd: string = process.cwd(),
): SqlitePaymentStore {
  const file = defaultDatabaseFile(env, cwd);
  // Asked of SQLite, not of the file system: a bundler tracing a file check on a computed path
  // (Next.js) would ship the whole project with the server code.
  let store: SqlitePaymentStore;
  try {
    store = new SqlitePaymentStore(file);
  } catch (error) {
    throw unwritable(file, error) ?? error;
  }
  if (store.created && file !== ":memory:") {
    log.info(
      { file },
      "payments database created (set LIGDICASH_DB or pass storage to keep it elsewhere)",
    );
  }
  return store;
}

/** Where the default store keeps its file (absolute). */
export function defaultDatabaseFile(env: Record<string, string | undefined>, cwd: string): string {
  const chosen = env.LIGDICASH_DB?.trim();
  if (chosen) return chosen === ":memory:" ? chosen : resolve(cwd, chosen);
  return join(appFolder(cwd), ".ligdicash", "payments.db");
}

function appFolder(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/** The error codes of a file or folder that cannot be written (Node's, then SQLite's). */
const UNWRITABLE = /^(EROFS|EACCES|EPERM|SQLITE_READONLY\w*|SQLITE_CANTOPEN\w*)$/;

/** The default store's file cannot be written here: say why, and what to pass instead. */
function unwritable(file: string, error: unknown): LigdicashError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !UNWRITABLE.test(code)) return null;
  const why = code === "EROFS" ? "the file system is read-only" : "it cannot be written";
  return new LigdicashError(
    "INVALID_OPTIONS",
    `The default SQLite payment store cannot use ${file}: ${why} (${code}). ` +
      "Serverless platforms (Vercel, Netlify, AWS Lambda) have no lasting disk: pass storage: " +
      "a PostgresPaymentStore (@ligdicash-kit/server/postgres) or RedisPaymentStore " +
      "(@ligdicash-kit/server/redis). On a server with a disk, set LIGDICASH_DB to a writable file.",
    { cause: error },
  );
}
