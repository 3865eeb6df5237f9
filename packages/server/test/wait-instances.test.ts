import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as WaitersModule from "../src/core/status-waiters.js";
import type { StatusWaiters } from "../src/core/status-waiters.js";
import { PostgresPaymentStore } from "../src/storage/postgres.js";
import { RedisPaymentStore } from "../src/storage/redis.js";
import { SQLITE_CHANGE_POLL_MS } from "../src/storage/sqlite-changes.js";
import { SqlitePaymentStore } from "../src/storage/sqlite.js";
import type { PaymentStore } from "../src/storage/store.js";
import { newOrder, startPayment } from "./helpers.js";
import { dropRedisKeys, PG_URL, REDIS_URL, serviceAvailable } from "./services.js";
import { API_KEY, AUTH_TOKEN, startShop, type Shop } from "./shop.js";
import { watchedStore } from "./watched-store.js";

// The kit's waiters, as each kit creates them: how many requests each instance holds.
const created = vi.hoisted(() => [] as StatusWaiters[]);
vi.mock("../src/core/status-waiters.js", async (original) => {
  const module = await original<typeof WaitersModule>();
  return {
    ...module,
    createStatusWaiters: (...args: Parameters<typeof module.createStatusWaiters>) => {
      const waiters = module.createStatusWaiters(...args);
      created.push(waiters);
      return waiters;
    },
  };
});

const suffix = randomBytes(4).toString("hex");
const dir = mkdtempSync(join(tmpdir(), "ligdicash-wait-"));
const pgPrefix = `ligdicash_wait_${suffix}`;
const redisPrefix = `{ligdicash-wait-${suffix}}:`;

/** Each backend, and how long after a commit elsewhere a waiting request may take to hear of it. */
const backends: Array<[string, () => PaymentStore, number]> = [
  [
    "SQLite (one file)",
    () => new SqlitePaymentStore(join(dir, "shared.db")),
    SQLITE_CHANGE_POLL_MS,
  ],
];
const withPg = await serviceAvailable(PG_URL);
const withRedis = await serviceAvailable(REDIS_URL);
if (withPg) {
  backends.push([
    "PostgreSQL",
    () => new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: pgPrefix }),
    0,
  ]);
}
if (withRedis) {
  backends.push([
    "Redis",
    () => new RedisPaymentStore({ url: REDIS_URL, keyPrefix: redisPrefix }),
    0,
  ]);
}

/** Wake-up within this long of the commit (plus the backend's own check interval). */
const WAKE_WITHIN_MS = 100;

let emulator: Emulator;
let confirms = 0;
/** Every confirm call that reaches the emulator, from either instance. */
const counting: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : input.toString();
  if (url.includes("/checkout-invoice/confirm")) confirms += 1;
  return fetch(input, init);
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKey: API_KEY, authToken: AUTH_TOKEN });
});
afterAll(async () => {
  await emulator.close();
  if (withPg) {
    const pg = new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: pgPrefix });
    await pg.dropTables();
    await pg.close();
  }
  if (withRedis) await dropRedisKeys(redisPrefix);
  rmSync(dir, { recursive: true, force: true });
});

/** Two app instances (Express and Koa) on one backend, LigdiCash calls counted. */
async function twoInstances(createStore: () => PaymentStore, recheckIntervalMs: number) {
  const a = watchedStore(createStore());
  const b = watchedStore(createStore());
  const options = { fetch: counting, recheckIntervalMs, timeouts: { confirmMs: 5_000 } };
  const shopA = await startShop({
    framework: "express5",
    apiUrl: emulator.url,
    options: { ...options, storage: a.store },
  });
  const waitersA = created.at(-1)!;
  const shopB = await startShop({
    framework: "koa3",
    apiUrl: emulator.url,
    options: { ...options, storage: b.store },
  });
  const waitersB = created.at(-1)!;
  shopB.orders = shopA.orders;
  const close = () => Promise.all([shopA.close(), shopB.close()]);
  return { a, b, shopA, shopB, waiters: [waitersA, waitersB], close };
}

function waitOn(shop: Shop, orderId: string, seconds: number) {
  return shop.request(`/api/ligdicash/status/${orderId}?wait=${seconds}`).then(async (r) => ({
    at: performance.now(),
    status: r.status,
    wait: r.headers.get("x-ligdicash-wait"),
    body: (await r.json()) as { status: string },
  }));
}

describe.each(backends)("two instances on %s", (_name, createStore, checkEveryMs) => {
  it("a callback settled on one wakes a request waiting on the other within ~100 ms", async () => {
    const { a, b, shopA, shopB, close } = await twoInstances(createStore, 0);
    try {
      const delays: number[] = [];
      for (let i = 0; i < 5; i++) {
        const orderId = newOrder(shopA);
        const invoice = await startPayment(shopA, emulator, orderId);
        const answer = waitOn(shopB, orderId, 25);
        await b.until(1);
        await emulator.settle(invoice.token, "completed"); // its callbacks go to instance A
        const { at, status, wait, body } = await answer;
        expect([status, wait, body.status]).toEqual([200, "25", "paid"]);
        // B may hear of the commit before A's own call returns: then the delay is below zero.
        await shopA.settled();
        const committed = a.transitions.at(-1);
        expect(committed, "instance A settled the payment").toBeDefined();
        delays.push(at - committed!.at);
        await b.until(0);
      }
      expect(Math.max(...delays)).toBeLessThan(WAKE_WITHIN_MS + checkEveryMs);
      await Promise.all([shopA.settled(), shopB.settled()]);
      expect(shopA.paid.length + shopB.paid.length).toBe(5);
    } finally {
      await close();
    }
  });

  it("requests waiting on both make no confirm call while they wait", async () => {
    const { shopA, shopB, waiters, close } = await twoInstances(createStore, 3_000);
    try {
      const orderId = newOrder(shopA);
      await startPayment(shopA, emulator, orderId);
      const before = confirms;
      const holding = (counts: number[]) =>
        vi.waitFor(() => expect(waiters.map((w) => w.counts().requests)).toEqual(counts), {
          interval: 20,
          timeout: 4_000,
        });
      const answers = Array.from({ length: 10 }, () => waitOn(shopA, orderId, 5));
      await holding([10, 0]);
      // The first request made the confirm a poll would, the others shared it; instance B's
      // requests find the payment just checked, by A, in the store.
      expect(confirms - before).toBe(1);
      answers.push(...Array.from({ length: 10 }, () => waitOn(shopB, orderId, 5)));
      await holding([10, 10]);
      expect(confirms - before).toBe(1);
      const results = await Promise.all(answers);
      expect(results.map((r) => [r.status, r.wait, r.body.status])).toEqual(
        Array(20).fill([200, "5", "pending"]),
      );
      expect(confirms - before).toBe(1);
    } finally {
      await close();
    }
  });
});
