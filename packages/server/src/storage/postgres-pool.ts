import type { Pool, PoolClient, PoolConfig } from "pg";
import type { SafeLogger } from "../core/logger.js";
import { storeClosed } from "./unavailable.js";

export interface PostgresPoolOptions {
  /** The shop's pool (never ended here, no listener added), or… */
  pool?: Pool | undefined;
  /** …the connection string of a pool made, watched and ended here. */
  connectionString?: string | undefined;
  timeoutMs: number;
  log: SafeLogger;
  /** Creates the tables, inside a transaction this class opens and ends. */
  setup: (client: PoolClient) => Promise<void>;
}

/**
 * The PostgreSQL store's connections: one pool, made on first use and never replaced (so `close()`
 * always ends what was opened, and nothing reopens after it), with its tables set up before the
 * first query, and set up again on the next call if that failed.
 */
export class PostgresPool {
  readonly #options: PostgresPoolOptions;
  #pool: Promise<Pool> | null = null;
  #ready: Promise<Pool> | null = null;
  #closed = false;

  constructor(options: PostgresPoolOptions) {
    this.#options = options;
  }

  /** The pool, its tables in place. Rejects with "store is closed" after `close()`. */
  async get(): Promise<Pool> {
    if (this.#closed) throw storeClosed("PostgreSQL");
    this.#pool ??= this.#open().catch((error: unknown) => {
      this.#pool = null;
      throw error;
    });
    const pool = await (this.#ready ??= this.#pool
      .then(async (pool) => {
        await this.#setup(pool);
        return pool;
      })
      .catch((error: unknown) => {
        this.#ready = null;
        throw error;
      }));
    // A call that began before close() must not use the pool after it.
    if (this.#closed) throw storeClosed("PostgreSQL");
    return pool;
  }

  /** Ends the pool if it is ours, once queries under way have finished. */
  async close(): Promise<void> {
    this.#closed = true;
    const pool = this.#options.pool ? null : await this.#pool?.catch(() => null);
    await pool?.end();
  }

  async #open(): Promise<Pool> {
    const { pool: shopPool, timeoutMs: ms, log } = this.#options;
    if (shopPool) {
      // Adding a listener, even one that only logs, would stop a crash the shop may count on:
      // tell the shop instead.
      if (shopPool.listenerCount("error") === 0) {
        log.warn(
          {},
          "the pg Pool given to PostgresPaymentStore has no 'error' listener: a dropped idle connection will end the process; add pool.on('error', …)",
        );
      }
      return shopPool;
    }
    const pg = await import("pg");
    const config: PoolConfig = {
      connectionString: this.#options.connectionString,
      max: 10,
      connectionTimeoutMillis: ms,
      query_timeout: ms,
      statement_timeout: ms,
      keepAlive: true,
    };
    const pool = new (pg.default?.Pool ?? pg.Pool)(config);
    // Without a listener, an idle connection that drops (server restart, failover, an idle
    // reaper) is an unhandled 'error' event that ends the process. pg-pool has already
    // discarded that connection; the next query opens a new one.
    pool.on("error", (error) =>
      log.warn({ err: error }, "PostgreSQL connection lost; a new one opens on next use"),
    );
    return pool;
  }

  async #setup(pool: Pool): Promise<void> {
    await inTransaction(pool, (client) => this.#options.setup(client));
  }
}

/**
 * Runs `work` on one client of `pool` in a transaction, committed unless `commit(result)` says
 * otherwise (rolled back on a throw). A client whose connection failed is discarded, not returned.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  commit: (result: T) => boolean = () => true,
): Promise<T> {
  const client = await pool.connect();
  // A checked-out client has no pool listener: if its connection drops here, the error is ours.
  let broken: Error | undefined;
  const onError = (error: Error) => void (broken = error);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query(commit(result) ? "COMMIT" : "ROLLBACK");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    broken ??= error as Error;
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
