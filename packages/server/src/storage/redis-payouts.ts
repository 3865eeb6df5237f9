import type { Redis } from "ioredis";
import type { Payout, PayoutHookOutcome, PayoutPatch, PayoutStatus } from "../model/payout.js";
import type { PayoutBackend } from "./payout-delegation.js";
import type { PayoutQuery, RefundInsert } from "./store.js";

/**
 * Lua shared by every payout write: one JSON document per payout, plus two sorted sets kept in
 * step inside the same script: `due` (unsettled, by next look) and `open` (settled, hook not
 * completed, by the time its lease or backoff ends). KEYS: payout, due, open, all, order, payment.
 */
const PRELUDE = `
local function present(v) return v ~= nil and v ~= cjson.null end
local function final(s) return s == 'paid' or s == 'failed' end
local function load(key) local raw = redis.call('GET', key) if raw then return cjson.decode(raw) end return nil end
local function save(doc)
  redis.call('SET', KEYS[1], cjson.encode(doc))
  if not final(doc.status) and present(doc.nextCheckAt) then
    redis.call('ZADD', KEYS[2], doc.nextCheckAt, doc.id) else redis.call('ZREM', KEYS[2], doc.id) end
  if final(doc.status) and not present(doc.fulfilment) then
    local at = 0
    if present(doc.claimedUntil) then at = doc.claimedUntil end
    redis.call('ZADD', KEYS[3], at, doc.id) else redis.call('ZREM', KEYS[3], doc.id) end
end
local function insert(doc)
  save(doc)
  redis.call('ZADD', KEYS[4], doc.createdAt, doc.id)
  if present(doc.orderId) then redis.call('ZADD', KEYS[5], doc.createdAt, doc.id) end
end
local function now_ms() local t = redis.call('TIME') return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end
`;

/** ARGV: payout JSON. */
const INSERT = `${PRELUDE}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
insert(cjson.decode(ARGV[1]))
return 1`;

/** ARGV: payout JSON. The payment's document changes only in `refunded`, which no index reads. */
const INSERT_REFUND = `${PRELUDE}
if redis.call('EXISTS', KEYS[1]) == 1 then return 'exists' end
local doc = cjson.decode(ARGV[1])
local payment = load(KEYS[6])
if not payment or payment.status ~= 'paid' then return 'exceeds' end
local refunded = tonumber(payment.refunded) or 0
if refunded + doc.amount > payment.amount then return 'exceeds' end
payment.refunded = refunded + doc.amount
redis.call('SET', KEYS[6], cjson.encode(payment))
insert(doc)
return 'inserted'`;

/** ARGV: the payment id the caller read from the payout. */
const RELEASE_REFUND = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or doc.status ~= 'failed' or doc.refundReleased or doc.refundOf ~= ARGV[1] then return 0 end
doc.refundReleased = true
save(doc)
local payment = load(KEYS[6])
if payment then
  payment.refunded = math.max(0, (tonumber(payment.refunded) or 0) - doc.amount)
  redis.call('SET', KEYS[6], cjson.encode(payment))
end
return 1`;

/** ARGV: patch JSON, expected status ('' for none), new status ('' for none), expected checkCount ('' for none). */
const UPDATE = `${PRELUDE}
local doc = load(KEYS[1])
if not doc then return 0 end
if ARGV[2] ~= '' and doc.status ~= ARGV[2] then return 0 end
if ARGV[4] ~= nil and ARGV[4] ~= '' and doc.checkCount ~= tonumber(ARGV[4]) then return 0 end
for k, v in pairs(cjson.decode(ARGV[1])) do doc[k] = v end
if ARGV[3] ~= '' then doc.status = ARGV[3] end
save(doc)
return 1`;

/** ARGV: time. */
const REVIEW = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or present(doc.reviewAt) or final(doc.status) then return 0 end
doc.reviewAt = tonumber(ARGV[1])
doc.nextCheckAt = cjson.null
doc.updatedAt = tonumber(ARGV[1])
save(doc)
return 1`;

/** ARGV: lease ms, token. Timed by the Redis server's clock. */
const CLAIM = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or not final(doc.status) or present(doc.fulfilment) then return 0 end
local now = now_ms()
if present(doc.claimedUntil) and doc.claimedUntil > now then return 0 end
doc.claimedUntil = now + tonumber(ARGV[1])
doc.claimToken = ARGV[2]
save(doc)
return 1`;

/** ARGV: lease ms, token. */
const RENEW = `${PRELUDE}
local doc = load(KEYS[1])
if not doc or doc.claimToken ~= ARGV[2] or present(doc.fulfilment) then return 0 end
doc.claimedUntil = now_ms() + tonumber(ARGV[1])
save(doc)
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
save(doc)
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
save(doc)
return 1`;

const PAGE = 200;

/**
 * The payouts of `RedisPaymentStore`: every write is one Lua script, so inserts, compare-and-set
 * moves, refunds (payout and payment together) and claims are atomic. Keys share the store's
 * prefix (one cluster slot with the default braces).
 */
export class RedisPayouts implements PayoutBackend {
  readonly #prefix: string;
  readonly #redis: () => Promise<Redis>;
  readonly #now: () => Promise<number>;

  constructor(options: {
    prefix: string;
    redis: () => Promise<Redis>;
    now: () => Promise<number>;
  }) {
    this.#prefix = options.prefix;
    this.#redis = options.redis;
    this.#now = options.now;
  }

  async insertPayout(payout: Payout): Promise<boolean> {
    return (await this.#eval(INSERT, this.#keys(payout), JSON.stringify(payout))) === 1;
  }

  async insertRefund(payout: Payout): Promise<RefundInsert> {
    const keys = this.#keys(payout, payout.refundOf ?? "");
    return (await this.#eval(INSERT_REFUND, keys, JSON.stringify(payout))) as RefundInsert;
  }

  async releaseRefund(id: string): Promise<boolean> {
    const payout = await this.getPayout(id);
    if (payout?.refundOf == null) return false;
    const keys = this.#keys(payout, payout.refundOf);
    return (await this.#eval(RELEASE_REFUND, keys, payout.refundOf)) === 1;
  }

  async getPayout(id: string): Promise<Payout | null> {
    const raw = await (await this.#redis()).get(this.#key("payout", id));
    return raw === null ? null : (JSON.parse(raw) as Payout);
  }

  async listPayouts(query: PayoutQuery = {}): Promise<Payout[]> {
    const redis = await this.#redis();
    const limit = query.limit ?? 100;
    const index =
      query.orderId === undefined
        ? this.#key("payouts")
        : this.#key("payouts-order", query.orderId);
    const found: Payout[] = [];
    for (let offset = 0; found.length < limit; offset += PAGE) {
      const ids = await redis.zrevrange(index, offset, offset + PAGE - 1);
      if (ids.length === 0) break;
      const page = await this.#load(ids);
      found.push(...page.filter((p) => query.status === undefined || p.status === query.status));
    }
    return found
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .slice(0, limit);
  }

  async patchPayout(id: string, fields: PayoutPatch): Promise<void> {
    await this.#eval(UPDATE, this.#keysOf(id), patchJson(fields), "", "");
  }

  async transitionPayout(
    id: string,
    from: PayoutStatus,
    to: PayoutStatus,
    fields: PayoutPatch = {},
    checkCount?: number,
  ): Promise<boolean> {
    const expected = checkCount === undefined ? "" : String(checkCount);
    return (
      (await this.#eval(UPDATE, this.#keysOf(id), patchJson(fields), from, to, expected)) === 1
    );
  }

  async markPayoutForReview(id: string, at: number): Promise<boolean> {
    return (await this.#eval(REVIEW, this.#keysOf(id), String(at))) === 1;
  }

  async listDuePayouts(now: number, limit: number): Promise<Payout[]> {
    const redis = await this.#redis();
    const ids = await redis.zrangebyscore(this.#key("payouts-due"), "-inf", now, "LIMIT", 0, limit);
    return this.#load(ids);
  }

  async claimPayoutHook(id: string, token: string, leaseMs: number): Promise<boolean> {
    return (await this.#eval(CLAIM, this.#keysOf(id), String(leaseMs), token)) === 1;
  }

  async renewPayoutHook(id: string, token: string, leaseMs: number): Promise<boolean> {
    return (await this.#eval(RENEW, this.#keysOf(id), String(leaseMs), token)) === 1;
  }

  async completePayoutHook(id: string, outcome: PayoutHookOutcome): Promise<void> {
    await this.#eval(COMPLETE, this.#keysOf(id), outcome);
  }

  async releasePayoutHook(id: string, token: string, error: string, retryAfterMs: number) {
    await this.#eval(RELEASE, this.#keysOf(id), token, error, String(retryAfterMs));
  }

  async listUnsettledPayoutHooks(limit: number): Promise<Payout[]> {
    const now = await this.#now();
    const redis = await this.#redis();
    return this.#load(
      await redis.zrangebyscore(this.#key("payouts-open"), "-inf", now, "LIMIT", 0, limit),
    );
  }

  #key(kind: string, id = ""): string {
    return `${this.#prefix}${kind}${id ? `:${id}` : ""}`;
  }

  /** KEYS of the scripts: payout, due, open, all, order index, payment. */
  #keys(payout: Pick<Payout, "id" | "orderId">, paymentId = ""): string[] {
    return [
      this.#key("payout", payout.id),
      this.#key("payouts-due"),
      this.#key("payouts-open"),
      this.#key("payouts"),
      this.#key("payouts-order", payout.orderId ?? ""),
      this.#key("payment", paymentId),
    ];
  }

  #keysOf(id: string): string[] {
    return this.#keys({ id, orderId: null });
  }

  async #load(ids: string[]): Promise<Payout[]> {
    if (ids.length === 0) return [];
    const raws = await (await this.#redis()).mget(ids.map((id) => this.#key("payout", id)));
    return raws
      .filter((raw): raw is string => raw !== null)
      .map((raw) => JSON.parse(raw) as Payout);
  }

  async #eval(script: string, keys: string[], ...args: string[]): Promise<unknown> {
    return (await this.#redis()).eval(script, keys.length, ...keys, ...args);
  }
}

/** A patch as JSON where `null` survives (undefined keys are dropped). */
function patchJson(fields: PayoutPatch): string {
  return JSON.stringify({ ...fields, updatedAt: fields.updatedAt ?? Date.now() });
}
