import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { SafeLogger } from "./logger.js";
import { SqlitePaymentStore } from "../storage/sqlite.js";

/**
 * The store used when the shop passes none: a SQLite file at LIGDICASH_DB, else
 * `.ligdicash/payments.db` in the app's folder: the nearest folder with a package.json, from the
 * working directory up, so that starting the app from a subfolder does not open a second, empty
 * database. A new file is announced with its absolute path.
 */
export function defaultStore(
  env: Record<string, string | undefined>,
  log: SafeLogger,
  cwd: string = process.cwd(),
): SqlitePaymentStore {
  const file = defaultDatabaseFile(env, cwd);
  const created = file !== ":memory:" && !existsSync(file);
  const store = new SqlitePaymentStore(file);
  if (created) {
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
