import type { Redis, RedisOptions } from "ioredis";
import { safeLogger, type Logger } from "../core/logger.js";
import type { OrderRecord } from "../model/order.js";
import type { Fulfilment, Payment, PaymentPatch, PaymentStatus } from "../model/payment.js";
import { timeoutOption } from "./deadline.js";
import { closeStore, guardStore } from "./guard.js";
import type { ChangeListener } from "./change-listeners.js";
import { PayoutDelegation } from "./payout-delegation.js";
import { RedisConnection } from "./redis-connection.js";
import { RedisPayouts } from "./redis-payouts.js";
import { RedisSubscriber } from "./redis-subscriber.js";
import type { LigdicashStore } from "./store.js";
import { isRedisUnavailable } from "./unavailable.js";

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
local function now_ms() local t = redis.call('TIME') return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end
`;

/** KEYS: payment, due, open, order. ARGV: payment JSON. */
const INSERT = `${PRELUDE}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local doc = cjson.decode(ARGV[1])
save(KEYS[1], doc)
redis.call('ZADD', KEYS[4], doc.createdAt, doc.id)
return 1`;

/**
 * ARGV: patch JSON, expected status ('' for none), new status ('' for none), and with a new
 * status the channel its change is published on, in the same atomic script.
 */
const UPDATE = `${PRELUDE}
local doc = load(KEYS[1])
if not doc then return 0 end
if ARGV[2] ~= '' and doc.status ~= ARGV[2] then return 0 end
merge(doc, cjson.decode(ARGV[1]))
if ARGV[3] ~= '' then doc.status = ARGV[3] end
save(KEYS[1], doc)
if ARGV[3] ~= '' then redis.call('PUBLISH', ARGV[4], doc.orderId) end
return 1`;

/** ARGV: lease ms, token. Timed by the Redis server's clock. */
const CLAIM = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or doc.status == 'pending' or present(doc.fulfilment) then return 0 end
local now = now_ms()
if present(doc.claimedUntil) and doc.claimedUntil > now then return 0 end
doc.claimedUntil = now + tonumber(ARGV[1])
doc.claimToken = ARGV[2]
save(KEYS[1], doc)
return 1`;

/** ARGV: lease ms, token. */
const RENEW = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or doc.claimToken ~= ARGV[2] or present(doc.fulfilment) then return 0 end
doc.claimedUntil = now_ms() + tonumber(ARGV[1])
save(KEYS[1], doc)
return 1`;

/** ARGV: outcome. */
const COMPLETE = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or present(doc.fulfilment) then return 0 end
local now = now_ms()
doc.fulfilment = ARGV[1]
doc.fulfilledAt = now
doc.claimedUntil = cjson.null
doc.claimToken = cjson.null
doc.updatedAt = now
save(KEYS[1], doc)
return 1`;

/** ARGV: token, error text, retry delay ms. */
const RELEASE = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or doc.claimToken ~= ARGV[1] then return 0 end
local now = now_ms()
doc.claimedUntil = now + tonumber(ARGV[3])
doc.claimToken = cjson.null
doc.fulfilAttempts = doc.fulfilAttempts + 1
doc.lastError = ARGV[2]
doc.updatedAt = now
save(KEYS[1], doc)
return 1`;

/** KEYS: order record. ARGV: amount. Sets the amount unless the order is paid. */
const EXPECT = `
local paid = redis.call('HGET', KEYS[1], 'paidBy')
if not paid then redis.call('HSET', KEYS[1], 'amount', ARGV[1]) end
return redis.call('HMGET', KEYS[1], 'amount', 'paidBy')`;

/** KEYS: order record. ARGV: payment id, amount. */
const CLAIM_ORDER = `
local fields = redis.call('HMGET', KEYS[1], 'amount', 'paidBy')
if not fields[2] and (not fields[1] or fields[1] == ARGV[2]) then
  redis.call('HSET', KEYS[1], 'paidBy', ARGV[1])
  if not fields[1] then redis.call('HSET', KEYS[1], 'amount', ARGV[2]) end
end
return redis.call('HMGET', KEYS[1], 'amount', 'paidBy')`;

const PAGE = 200;

/**
 * A store in Redis, for several app instances. Every state change is one Lua script, so
 * compare-and-set and claims are atomic. Needs the `ioredis` package. Use a Redis that persists
 * (AOF or RDB): this holds money state.
 *
 * @example
 * new RedisPaymentStore({ url: process.env.REDIS_URL })
 */
export class RedisPaymentStore extends PayoutDelegation implements LigdicashStore {
  readonly #prefix: string;
  readonly #connection: RedisConnection;
  readonly #subscriber: RedisSubscriber;
  readonly #payouts: RedisPayouts;

  constructor(options: RedisStoreOptions) {
    super();
    if (!options.client && !options.url) throw new Error("pass an ioredis client or a url");
    this.#prefix = options.keyPrefix ?? "{ligdicash}:";
    const timeoutMs = timeoutOption(options.timeoutMs);
    const log = safeLogger(options.logger, []);
    const connection = {
      client: options.client,
      url: options.url,
      redisOptions: options.redisOptions,
      timeoutMs,
      log,
    };
    this.#connection = new RedisConnection(connection);
    this.#subscriber = new RedisSubscriber({ ...connection, channel: this.#key("changes") });
    guardStore(this, {
      backend: "Redis",
      timeoutMs,
      isUnavailable: isRedisUnavailable,
      onTimeout: () => this.#connection.dropSilentConnection(),
    });
    this.#payouts = new RedisPayouts({
      prefix: this.#prefix,
      redis: () => this.#redis(),
      now: () => this.now(),
    });
  }

  protected get payoutBackend(): RedisPayouts {
    return this.#payouts;
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
    return raw === null ? null : parsePayment(raw);
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
    const channel = this.#key("changes");
    return (await this.#eval(UPDATE, this.#keys(id), patchJson(fields), from, to, channel)) === 1;
  }

  async expectOrder(orderId: string, amount: number): Promise<OrderRecord> {
    const fields = await this.#eval(EXPECT, [this.#key("order-record", orderId)], String(amount));
    return orderRecord(orderId, fields);
  }

  async getOrder(orderId: string): Promise<OrderRecord | null> {
    const redis = await this.#redis();
    const fields = await redis.hmget(this.#key("order-record", orderId), "amount", "paidBy");
    return fields[0] === null && fields[1] === null ? null : orderRecord(orderId, fields);
  }

  async claimOrder(orderId: string, paymentId: string, amount: number): Promise<OrderRecord> {
    const key = this.#key("order-record", orderId);
    return orderRecord(orderId, await this.#eval(CLAIM_ORDER, [key], paymentId, String(amount)));
  }

  async claimFulfilment(id: string, token: string, leaseMs: number): Promise<boolean> {
    return (await this.#eval(CLAIM, this.#keys(id), String(leaseMs), token)) === 1;
  }

  async renewFulfilment(id: string, token: string, leaseMs: number): Promise<boolean> {
    return (await this.#eval(RENEW, this.#keys(id), String(leaseMs), token)) === 1;
  }

  async completeFulfilment(id: string, outcome: Fulfilment): Promise<void> {
    await this.#eval(COMPLETE, this.#keys(id), outcome);
  }

  async releaseFulfilment(
    id: string,
    token: string,
    error: string,
    retryAfterMs: number,
  ): Promise<void> {
    await this.#eval(RELEASE, this.#keys(id), token, error, String(retryAfterMs));
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

  async listUnfulfilled(limit: number): Promise<Payment[]> {
    const now = await this.now();
    const ids = await (
      await this.#redis()
    ).zrangebyscore(this.#key("open"), "-inf", now, "LIMIT", 0, limit);
    return this.#load(ids);
  }

  /** The Redis server's clock: one clock for every app host (leases). */
  async now(): Promise<number> {
    const [seconds, micros] = await (await this.#redis()).time();
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  }

  /**
   * Reports status changes from every process sharing the keys: each transition PUBLISHes the
   * order id on `<keyPrefix>changes` inside its script, and one subscriber connection per store
   * (a duplicate of the shop's client, if one was given) listens.
   */
  watch(listener: ChangeListener): () => void {
    return this.#subscriber.watch(listener);
  }

  /**
   * Closes the store's own client (a client the shop passed stays open) and the subscriber
   * connection. Later calls are refused.
   */
  close(): Promise<void> {
    return closeStore(this, async () => {
      await Promise.all([this.#subscriber.close(), this.#connection.close()]);
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
    return raws.filter((raw): raw is string => raw !== null).map(parsePayment);
  }

  async #eval(script: string, keys: string[], ...args: string[]): Promise<unknown> {
    return (await this.#redis()).eval(script, keys.length, ...keys, ...args);
  }

  #redis(): Promise<Redis> {
    return this.#connection.get();
  }
}

/** A payment document; those saved before refunds existed lack `payer` and `refunded`. */
function parsePayment(raw: string): Payment {
  const doc = JSON.parse(raw) as Partial<Payment>;
  return { ...doc, payer: doc.payer ?? null, refunded: doc.refunded ?? 0 } as Payment;
}

/** An order record from HMGET's [amount, paidBy]. */
function orderRecord(orderId: string, fields: unknown): OrderRecord {
  const [amount, paidBy] = fields as [string | null, string | null];
  return { orderId, amount: amount === null ? null : Number(amount), paidBy };
}

/** A patch as JSON where `null` survives (undefined keys are dropped). */
function patchJson(fields: PaymentPatch): string {
  return JSON.stringify({ ...fields, updatedAt: fields.updatedAt ?? Date.now() });
}
