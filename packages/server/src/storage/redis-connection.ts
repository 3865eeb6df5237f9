import type { Redis, RedisOptions } from "ioredis";
import type { SafeLogger } from "../core/logger.js";
import { withDeadline } from "./deadline.js";
import { storeClosed, storeUnavailable } from "./unavailable.js";

export interface RedisConnectionOptions {
  /** The shop's client (never closed here, its options untouched), or… */
  client?: Redis | undefined;
  /** …the URL of a client made, watched and closed here. */
  url?: string | undefined;
  redisOptions?: RedisOptions | undefined;
  timeoutMs: number;
  log: SafeLogger;
}

/**
 * The Redis store's client: made on first use and never replaced (so nothing reconnects after
 * `close()`), handed out only when connected, waiting for a reconnection at most `timeoutMs`.
 */
export class RedisConnection {
  readonly #options: RedisConnectionOptions;
  #client: Promise<Redis> | null = null;
  /** Shared by the calls waiting while the client (re)connects; settles on 'ready'. */
  #readyWait: Promise<void> | null = null;
  #closed = false;

  constructor(options: RedisConnectionOptions) {
    this.#options = options;
  }

  /** A connected client. Rejects with "store is closed" after `close()`. */
  async get(): Promise<Redis> {
    if (this.#closed) throw storeClosed("Redis");
    const client = await (this.#client ??= this.#options.client
      ? Promise.resolve(this.#options.client)
      : this.#open().catch((error: unknown) => {
          this.#client = null;
          throw error;
        }));
    // A client the shop made lazy connects on its first command; ours must be told.
    if (client.status === "wait" && !this.#options.client) void client.connect().catch(() => {});
    // "ready" with a dead stream: dropped a moment ago, its 'close' (and reconnect) still to come.
    const usable = client.status === "ready" && client.stream.writable;
    if (!usable && client.status !== "wait") await this.#whenReady(client);
    // A call that began before close() must not use the client after it.
    if (this.#closed) throw storeClosed("Redis");
    return client;
  }

  /**
   * After a call timed out: a "ready" connection may be half-open (the server's host vanished
   * without a reset), and ioredis would keep using it until TCP gives up, many minutes later.
   * Reconnecting costs one handshake if it was only slow. Only our own client.
   */
  dropSilentConnection(): void {
    if (this.#options.client || !this.#client) return;
    void this.#client.then((client) => {
      // Destroyed rather than ended: ending waits for the silent peer, in limbo meanwhile.
      if (client.status === "ready") client.stream.destroy();
    });
  }

  /** Closes our own client: QUIT lets replies in flight arrive; a disconnected one is dropped. */
  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#options.client ? null : await this.#client?.catch(() => null);
    if (!client) return;
    if (client.status !== "ready") return client.disconnect();
    const ms = this.#options.timeoutMs;
    await withDeadline(client.quit(), ms, () => new Error("QUIT timed out")).catch(() =>
      client.disconnect(),
    );
  }

  #whenReady(client: Redis): Promise<void> {
    if (client.status === "end") {
      return Promise.reject(storeUnavailable("Redis", "the client is closed for good"));
    }
    this.#readyWait ??= new Promise<void>((resolve) =>
      client.once("ready", () => {
        this.#readyWait = null;
        resolve();
      }),
    );
    const ms = this.#options.timeoutMs;
    return withDeadline(this.#readyWait, ms, () =>
      storeUnavailable("Redis", `not connected within ${ms} ms`),
    );
  }

  async #open(): Promise<Redis> {
    const { Redis } = await import("ioredis");
    const { timeoutMs: ms, log } = this.#options;
    const client = new Redis(this.#options.url!, {
      lazyConnect: false,
      connectTimeout: ms,
      commandTimeout: ms,
      // Fail at once while disconnected rather than queue: a queued command would run after its
      // caller was told it failed. For the same reason nothing in flight is re-sent on reconnect.
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      // Back within a second of Redis returning, and never slower than half a deadline.
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000, ms / 2),
      ...this.#options.redisOptions,
    });
    let down = false;
    client.on("error", (error: Error) => {
      if (down) return; // one warning per outage, not one per reconnection attempt
      down = true;
      log.warn({ err: error }, "Redis connection lost; reconnecting");
    });
    client.on("ready", () => {
      if (down) log.info({}, "Redis connection restored");
      down = false;
    });
    return client;
  }
}
