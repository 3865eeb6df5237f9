import type { Redis, RedisOptions } from "ioredis";
import type { SafeLogger } from "../core/logger.js";
import { ChangeListeners, type ChangeListener } from "./change-listeners.js";

export interface RedisSubscriberOptions {
  /** The channel the store's transitions PUBLISH on. */
  channel: string;
  /** The shop's client, duplicated for the subscription (a subscribed connection can do nothing else), or… */
  client?: Redis | undefined;
  /** …the URL and options of the store's own client. */
  url?: string | undefined;
  redisOptions?: RedisOptions | undefined;
  timeoutMs: number;
  log: SafeLogger;
}

/**
 * The Redis store's notifications: one dedicated subscriber connection, opened on the first
 * `watch` and kept until `close()`, reconnecting by itself. Each time it is subscribed again,
 * every listener gets `null`: messages published meanwhile are lost (pub/sub keeps nothing).
 */
export class RedisSubscriber {
  readonly #options: RedisSubscriberOptions;
  readonly #listeners = new ChangeListeners();
  #client: Promise<Redis> | null = null;
  #closed = false;

  constructor(options: RedisSubscriberOptions) {
    this.#options = options;
  }

  watch(listener: ChangeListener): () => void {
    const remove = this.#listeners.add(listener);
    if (!this.#closed) {
      this.#client ??= this.#open().catch((error: unknown) => {
        this.#client = null;
        this.#options.log.warn({ err: error }, "Redis notifications unavailable");
        throw error;
      });
      this.#client.catch(() => undefined);
    }
    return remove;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.close();
    const client = await this.#client?.catch(() => null);
    client?.disconnect();
  }

  async #open(): Promise<Redis> {
    const { channel, client: shopClient, timeoutMs: ms, log } = this.#options;
    // Subscribed again by hand on each 'ready', to know when to say that messages were missed.
    const own: Partial<RedisOptions> = { lazyConnect: true, autoResubscribe: false };
    let client: Redis;
    if (shopClient) client = shopClient.duplicate(own);
    else {
      const { Redis } = await import("ioredis");
      client = new Redis(this.#options.url!, {
        connectTimeout: ms,
        // A subscription waits for its connection rather than fail: nothing here is a request.
        maxRetriesPerRequest: null,
        retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000, ms / 2),
        ...this.#options.redisOptions,
        ...own,
      });
    }
    let down = false;
    // A connection killed or reset may close without an 'error': both say it is lost.
    const lost = (error?: Error) => {
      if (down || this.#closed) return; // one warning per outage
      down = true;
      log.warn({ err: error }, "Redis notification connection lost; reconnecting");
    };
    client.on("error", lost);
    client.on("reconnecting", () => lost());
    client.on("message", (from: string, orderId: string) => {
      if (from === channel) this.#listeners.emit(orderId);
    });
    client.on("ready", () => {
      client.subscribe(channel).then(
        () => {
          if (down) log.info({}, "Redis notifications restored");
          down = false;
          this.#listeners.emit(null);
        },
        (error: unknown) => log.warn({ err: error }, "Redis SUBSCRIBE failed"),
      );
    });
    if (this.#closed) return client;
    await client.connect().catch(() => undefined); // it retries by itself; errors are logged above
    if (this.#closed) client.disconnect();
    return client;
  }
}
