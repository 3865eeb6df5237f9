import { existsSync } from "node:fs";
import { defaultDatabaseFile } from "../core/default-store.js";
import { LigdicashError } from "../core/errors.js";
import type { LigdicashStore } from "../storage/store.js";

/** Where a command finds the shop's store, as the shop passes it in `storage`. */
export interface StoreChoice {
  /** `postgres://…`, `redis://…`, a SQLite file, or undefined for the default SQLite file. */
  store: string | undefined;
  /** PostgreSQL `tablePrefix`, or Redis `keyPrefix`, when the shop sets one. */
  prefix: string | undefined;
}

/**
 * Opens the store the shop itself uses, to read and move what it holds. A SQLite file must exist
 * already: a command run in the wrong folder must say so, not create an empty database.
 */
export async function openStore(
  choice: StoreChoice,
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<{ store: LigdicashStore; where: string }> {
  const { store, prefix } = choice;
  if (store !== undefined && /^postgres(ql)?:\/\//i.test(store)) {
    const { PostgresPaymentStore } = await import("../storage/postgres.js");
    return {
      store: new PostgresPaymentStore({
        connectionString: store,
        ...(prefix === undefined ? {} : { tablePrefix: prefix }),
        timeoutMs: 10_000,
      }),
      where: redact(store),
    };
  }
  if (store !== undefined && /^rediss?:\/\//i.test(store)) {
    const { RedisPaymentStore } = await import("../storage/redis.js");
    return {
      store: new RedisPaymentStore({
        url: store,
        ...(prefix === undefined ? {} : { keyPrefix: prefix }),
        timeoutMs: 10_000,
      }),
      where: redact(store),
    };
  }
  const file = store ?? defaultDatabaseFile(env, cwd);
  if (!existsSync(file)) {
    throw new LigdicashError(
      "INVALID_OPTIONS",
      `No payments database at ${file}. Run the command in the shop's folder (or set LIGDICASH_DB as the shop does), or give --store with the shop's postgres://, redis:// URL or SQLite file.`,
    );
  }
  const { SqlitePaymentStore } = await import("../storage/sqlite.js");
  return { store: new SqlitePaymentStore(file), where: file };
}

/** The URL without its password, for what a command prints; `fallback` when it is no URL. */
export function redact(url: string, fallback = url): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return fallback;
  }
}
