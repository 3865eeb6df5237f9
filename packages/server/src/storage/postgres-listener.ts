import type { Client, ClientConfig } from "pg";
import type { SafeLogger } from "../core/logger.js";
import { ChangeListeners, type ChangeListener } from "./change-listeners.js";

export interface PostgresListenerOptions {
  /** The channel the store's transitions `pg_notify` on. A plain lower-case identifier. */
  channel: string;
  /** Settings of the dedicated connection. */
  config: ClientConfig;
  log: SafeLogger;
}

/** First wait before reconnecting, doubled after each failure up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * The PostgreSQL store's notifications: one dedicated connection, outside the pool (LISTEN holds
 * its connection for good), opened on the first `watch` and kept until `close()`. When it drops
 * it is opened again, with backoff, while anyone listens; each time it listens again every
 * listener gets `null`, as notifications sent meanwhile are lost.
 */
export class PostgresListener {
  readonly #options: PostgresListenerOptions;
  readonly #listeners = new ChangeListeners();
  #client: Client | null = null;
  #connecting = false;
  #retry: NodeJS.Timeout | undefined;
  #failures = 0;
  #closed = false;

  constructor(options: PostgresListenerOptions) {
    this.#options = options;
  }

  watch(listener: ChangeListener): () => void {
    const remove = this.#listeners.add(listener);
    if (!this.#client && !this.#connecting && !this.#retry && !this.#closed) void this.#connect();
    return remove;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.close();
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    this.#connecting = true;
    const { channel, config, log } = this.#options;
    let client: Client | undefined;
    try {
      const pg = await import("pg");
      client = new (pg.default?.Client ?? pg.Client)(config);
      const current = client;
      current.on("error", (error) => this.#lost(current, error));
      current.on("end", () => this.#lost(current));
      current.on("notification", (message) => {
        if (message.channel === channel && message.payload) this.#listeners.emit(message.payload);
      });
      await current.connect();
      await current.query(`LISTEN ${channel}`);
      if (this.#closed) return void (await current.end());
      this.#client = current;
      if (this.#failures > 0) log.info({}, "PostgreSQL notifications restored");
      this.#failures = 0;
      this.#listeners.emit(null);
    } catch (error) {
      void client?.end().catch(() => undefined);
      if (this.#failures === 0) {
        log.warn({ err: error }, "PostgreSQL notifications unavailable; retrying");
      }
      this.#scheduleRetry();
    } finally {
      this.#connecting = false;
    }
  }

  #lost(client: Client, error?: Error): void {
    if (this.#client !== client) return;
    this.#client = null;
    void client.end().catch(() => undefined);
    if (this.#closed) return;
    this.#options.log.warn({ err: error }, "PostgreSQL notification connection lost; reconnecting");
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#retry) return;
    const ms = Math.min(FIRST_RETRY_MS * 2 ** this.#failures, MAX_RETRY_MS);
    this.#failures += 1;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      // Nobody listens any more: the next watch opens it.
      if (this.#listeners.size > 0 && !this.#closed) void this.#connect();
    }, ms);
    this.#retry.unref();
  }
}
