import type { Redis, RedisOptions } from "ioredis";
import { safeLogger, type Logger, type SafeLogger } from "../core/logger.js";
import type { Fulfilment, Payment, PaymentPatch, PaymentStatus } from "../core/payment.js";
import { timeoutOption, withDeadline } from "./deadline.js";
import { closeStore, guardStore, isClosed } from "./guard.js";
import { fulfilmentCompleted, type PaymentStore } from "./store.js";
import { isRedisUnavailable, storeClosed, storeUnavailable } from "./unavailable.js";

export interface RedisStoreOptions {
  /**
   * An ioredis client the shop already has (it is not closed by `close()`), or… Its own options
   * apply: with ioredis's defaults (offline queue, no command timeout) a call still fails after
   * `timeoutMs`, but the command stays queued and may run once Redis is back. Prefer
   * `enableOfflineQueue: false` and `commandTimeout` on it.
   */
  client?: Redis;
  /** …a redis:// URL for a client the store creates and closes. */
  url?: string;
  /** Options for the store's own client; they override the store's (see `timeoutMs`). */
  redisOptions?: RedisOptions;
  /** Key prefix. The default braces keep every key in one cluster slot: "{ligdicash}:". */
  keyPrefix?: string;
  /**
   * Each call fails with STORE_UNAVAILABLE (503) after this long, waiting for a connection
   * included. The store's own client also uses it as connect and command timeout, and queues
   * nothing while disconnected, so a call that failed does not run later. Default 2000 ms.
   */
  timeoutMs?: number;
  /** Where lost connections and reconnections are reported (a pino or console-like logger). */
  logger?: Logger;
}

/**
 * Lua shared by every write: one JSON document per payment, plus two sorted sets kept in step
 * inside the same atomic script — `due` (pending with an invoice, by next check) and `open`
 * (terminal, hook not completed, by the time its lease or retry backoff ends).
 */
const PRELUDE = `
local function present(v) return v ~= nil and v ~= cjson.null end
local function load(key) local raw = redis.call('GET', key) if raw then return cjson.decode(raw) end return nil end
local function save(key, doc)
  redis.call('SET', key, cjson.encode(doc))
  if doc.status == 'pending' and present(doc.invoiceToken) and present(doc.nextCheckAt) then
    redis.call('ZADD', KEYS[2], doc.nextCheckAt, doc.id) else redis.call('ZREM', KEYS[2], doc.id) end
  if doc.status ~= 'pending' and not present(doc.fulfilment) then
    local claimable_at = 0
    if present(doc.claimedUntil) then claimable_at = doc.claimedUntil end
    redis.call('ZADD', KEYS[3], claimable_at, doc.id) else redis.call('ZREM', KEYS[3], doc.id) end
end
local function merge(doc, patch) for k, v in pairs(patch) do doc[k] = v end end
`;

/** KEYS: payment, due, open, order. ARGV: payment JSON. */
const INSERT = `${PRELUDE}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local doc = cjson.decode(ARGV[1])
save(KEYS[1], doc)
redis.call('ZADD', KEYS[4], doc.createdAt, doc.id)
return 1`;

/** ARGV: patch JSON, expected status ('' for none), new status ('' for none). */
const UPDATE = `${PRELUDE}
local doc = load(KEYS[1])
if not doc then return 0 end
if ARGV[2] ~= '' and doc.status ~= ARGV[2] then return 0 end
merge(doc, cjson.decode(ARGV[1]))
if ARGV[3] ~= '' then doc.status = ARGV[3] end
save(KEYS[1], doc)
return 1`;

/** ARGV: now, lease end, token. */
const CLAIM = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or doc.status == 'pending' or present(doc.fulfilment) then return 0 end
if present(doc.claimedUntil) and doc.claimedUntil > tonumber(ARGV[1]) then return 0 end
doc.claimedUntil = tonumber(ARGV[2])
doc.claimToken = ARGV[3]
save(KEYS[1], doc)
return 1`;

/** ARGV: lease end, token. */
const RENEW = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or doc.claimToken ~= ARGV[2] or present(doc.fulfilment) then return 0 end
doc.claimedUntil = tonumber(ARGV[1])
save(KEYS[1], doc)
return 1`;

/** ARGV: token, error text, now, retry time. */
const RELEASE = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or doc.claimToken ~= ARGV[1] then return 0 end
doc.claimedUntil = tonumber(ARGV[4])
doc.claimToken = cjson.null
doc.fulfilAttempts = doc.fulfilAttempts + 1
doc.lastError = ARGV[2]
doc.updatedAt = tonumber(ARGV[3])
save(KEYS[1], doc)
return 1`;

const PAGE = 200;

/**
 * A store in Redis, for several app instances. Every state change is one Lua script, so
 * compare-and-set and claims are atomic. Needs the `ioredis` package. Use a Redis that persists
 * (AOF or RDB): this holds money state.
 *
 * @example
 * new RedisPaymentStore({ url: process.env.REDIS_URL })
 */
export class RedisPaymentStore implements PaymentStore {
  readonly #options: RedisStoreOptions;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #log: SafeLogger;
  /** Made once; never replaced after close(), which is what kept reconnecting before. */
  #client: Promise<Redis> | null = null;
  /** Shared by the calls waiting while the client (re)connects; settles on 'ready'. */
  #readyWait: Promise<void> | null = null;

  constructor(options: RedisStoreOptions) {
    if (!options.client && !options.url) throw new Error("pass an ioredis client or a url");
    this.#options = options;
    this.#prefix = options.keyPrefix ?? "{ligdicash}:";
    this.#timeoutMs = timeoutOption(options.timeoutMs);
    this.#log = safeLogger(options.logger, []);
    guardStore(this, {
      backend: "Redis",
      timeoutMs: this.#timeoutMs,
      isUnavailable: isRedisUnavailable,
      onTimeout: () => this.#dropSilentConnection(),
    });
  }

  async insert(payment: Payment): Promise<void> {
    const inserted = await this.#eval(
      INSERT,
      this.#keys(payment.id, payment.orderId),
      JSON.stringify(payment),
    );
    if (inserted !== 1) throw new Error(`payment ${payment.id} already exists`);
  }

  async get(id: string): Promise<Payment | null> {
    const raw = await (await this.#redis()).get(this.#key("payment", id));
    return raw === null ? null : (JSON.parse(raw) as Payment);
  }

  async listByOrder(orderId: string): Promise<Payment[]> {
    const ids = await (await this.#redis()).zrevrange(this.#key("order", orderId), 0, -1);
    const payments = await this.#load(ids);
    return payments.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  async patch(id: string, fields: PaymentPatch): Promise<void> {
    await this.#eval(UPDATE, this.#keys(id), patchJson(fields), "", "");
  }

  async transition(
    id: string,
    from: PaymentStatus,
    to: PaymentStatus,
    fields: PaymentPatch = {},
  ): Promise<boolean> {
    return (await this.#eval(UPDATE, this.#keys(id), patchJson(fields), from, to)) === 1;
  }

  async claimOrder(orderId: string, paymentId: string): Promise<string> {
    const redis = await this.#redis();
    const key = this.#key("paid-order", orderId);
    await redis.set(key, paymentId, "NX");
    return (await redis.get(key))!;
  }

  async claimFulfilment(id: string, token: string, now: number, until: number): Promise<boolean> {
    return (await this.#eval(CLAIM, this.#keys(id), String(now), String(until), token)) === 1;
  }

  async renewFulfilment(id: string, token: string, until: number): Promise<boolean> {
    return (await this.#eval(RENEW, this.#keys(id), String(until), token)) === 1;
  }

  completeFulfilment(id: string, now: number, outcome: Fulfilment): Promise<void> {
    return this.patch(id, fulfilmentCompleted(now, outcome));
  }

  async releaseFulfilment(
    id: string,
    token: string,
    error: string,
    now: number,
    retryAt: number,
  ): Promise<void> {
    await this.#eval(RELEASE, this.#keys(id), token, error, String(now), String(retryAt));
  }

  async listDuePending(now: number, createdAfter: number, limit: number): Promise<Payment[]> {
    const redis = await this.#redis();
    const due = this.#key("due");
    const found: Payment[] = [];
    for (let offset = 0; found.length < limit;) {
      const ids = await redis.zrangebyscore(due, "-inf", now, "LIMIT", offset, PAGE);
      if (ids.length === 0) break;
      const page = await this.#load(ids);
      // Payments past the give-up age are never checked again: they leave the index rather
      // than clog its head.
      const givenUp = page.filter((p) => p.createdAt <= createdAfter).map((p) => p.id);
      if (givenUp.length > 0) await redis.zrem(due, ...givenUp);
      found.push(...page.filter((p) => p.createdAt > createdAfter));
      offset += ids.length - givenUp.length;
    }
    return found.slice(0, limit);
  }

  async listUnfulfilled(now: number, limit: number): Promise<Payment[]> {
    const ids = await (
      await this.#redis()
    ).zrangebyscore(this.#key("open"), "-inf", now, "LIMIT", 0, limit);
    return this.#load(ids);
  }

  /** Closes the store's own client (a client the shop passed stays open). Later calls are refused. */
  close(): Promise<void> {
    return closeStore(this, async () => {
      const client = this.#options.client ? null : await this.#client?.catch(() => null);
      if (!client) return;
      // QUIT lets replies in flight arrive; a client that is not connected is just dropped.
      if (client.status === "ready") {
        await withDeadline(client.quit(), this.#timeoutMs, () => new Error("QUIT timed out")).catch(
          () => client.disconnect(),
        );
      } else client.disconnect();
    });
  }

  #key(kind: string, id = ""): string {
    return `${this.#prefix}${kind}${id ? `:${id}` : ""}`;
  }

  #keys(id: string, orderId = ""): string[] {
    return [
      this.#key("payment", id),
      this.#key("due"),
      this.#key("open"),
      this.#key("order", orderId),
    ];
  }

  async #load(ids: string[]): Promise<Payment[]> {
    if (ids.length === 0) return [];
    const raws = await (await this.#redis()).mget(ids.map((id) => this.#key("payment", id)));
    return raws
      .filter((raw): raw is string => raw !== null)
      .map((raw) => JSON.parse(raw) as Payment);
  }

  async #eval(script: string, keys: string[], ...args: string[]): Promise<unknown> {
    return (await this.#redis()).eval(script, keys.length, ...keys, ...args);
  }

  async #redis(): Promise<Redis> {
    if (isClosed(this)) throw storeClosed("Redis");
    const client = await (this.#client ??= this.#options.client
      ? Promise.resolve(this.#options.client)
      : this.#openClient().catch((error: unknown) => {
          this.#client = null;
          throw error;
        }));
    // A client the shop made lazy connects on its first command; the store's own must be told.
    if (client.status === "wait" && !this.#options.client) void client.connect().catch(() => {});
    // "ready" with a dead stream: dropped a moment ago, its 'close' (and reconnect) still to come.
    const usable = client.status === "ready" && client.stream.writable;
    if (!usable && client.status !== "wait") await this.#whenReady(client);
    // A call that began before close() must not use the client after it.
    if (isClosed(this)) throw storeClosed("Redis");
    return client;
  }

  /** Waits (up to the deadline) for a client that is connecting or reconnecting. */
  #whenReady(client: Redis): Promise<void> {
    if (client.status === "end") {
      return Promise.reject(
        storeUnavailable("Redis", "the client is closed and will not reconnect"),
      );
    }
    this.#readyWait ??= new Promise<void>((resolve) =>
      client.once("ready", () => {
        this.#readyWait = null;
        resolve();
      }),
    );
    return withDeadline(this.#readyWait, this.#timeoutMs, () =>
      storeUnavailable("Redis", `not connected within ${this.#timeoutMs} ms`),
    );
  }

  /**
   * A "ready" connection that let a call time out may be half-open (the server's host vanished
   * without a reset): ioredis would keep using it until TCP gives up, many minutes later.
   * Reconnecting costs one handshake if it was only slow. Only the store's own client.
   */
  #dropSilentConnection(): void {
    if (this.#options.client || !this.#client) return;
    void this.#client.then((client) => {
      // Destroyed rather than ended: ending waits for the silent peer, in limbo meanwhile.
      if (client.status === "ready") client.stream.destroy();
    });
  }

  async #openClient(): Promise<Redis> {
    const { Redis } = await import("ioredis");
    const ms = this.#timeoutMs;
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
      this.#log.warn({ err: error }, "Redis connection lost; reconnecting");
    });
    client.on("ready", () => {
      if (down) this.#log.info({}, "Redis connection restored");
      down = false;
    });
    return client;
  }
}

/** A patch as JSON where `null` survives (undefined keys are dropped). */
function patchJson(fields: PaymentPatch): string {
  return JSON.stringify({ ...fields, updatedAt: fields.updatedAt ?? Date.now() });
}
