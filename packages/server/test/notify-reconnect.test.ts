import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { newPayment } from "../src/model/payment.js";
import { PostgresPaymentStore } from "../src/storage/postgres.js";
import { RedisPaymentStore } from "../src/storage/redis.js";
import type { PaymentStore } from "../src/storage/store.js";
import { dropRedisKeys, PG_URL, REDIS_URL, serviceAvailable } from "./services.js";

const suffix = randomBytes(4).toString("hex");
const pgPrefix = `ligdicash_notify_${suffix}`;
const redisPrefix = `{ligdicash-notify-${suffix}}:`;
const redisName = `ligdicash-notify-${suffix}`;
const withPg = await serviceAvailable(PG_URL);
const withRedis = await serviceAvailable(REDIS_URL);

afterAll(async () => {
  if (withPg) {
    const pg = new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: pgPrefix });
    await pg.dropTables();
    await pg.close();
  }
  if (withRedis) await dropRedisKeys(redisPrefix);
});

/** A listener on `store.watch` that can wait for what it hears (at most 5 s). */
function listen(store: PaymentStore) {
  const heard: Array<string | null> = [];
  const waiting = new Set<() => void>();
  const stop = store.watch!((orderId) => {
    heard.push(orderId);
    for (const check of waiting) check();
  });
  /** Resolves once `orderId` is heard for the `nth` time (counting from the start). */
  const hear = (orderId: string | null, nth = 1) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${String(orderId)} not heard`)), 5_000);
      const check = () => {
        if (heard.filter((o) => o === orderId).length < nth) return;
        clearTimeout(timer);
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
    });
  return { heard, hear, stop };
}

async function settleElsewhere(other: PaymentStore): Promise<string> {
  const payment = newPayment({
    orderId: `order_${randomBytes(6).toString("hex")}`,
    amount: 1000,
    description: "d",
    now: Date.now(),
    firstCheckAt: 0,
  });
  await other.insert(payment);
  expect(await other.transition(payment.id, "pending", "paid")).toBe(true);
  return payment.orderId;
}

const logger = () => {
  const lines: string[] = [];
  const log = (o: object, m?: string) => void lines.push(`${m ?? ""} ${JSON.stringify(o)}`);
  return { lines, logger: { debug: log, info: log, warn: log, error: log } };
};

describe.runIf(withPg)("PostgreSQL notifications", () => {
  it("come back after their connection is killed, saying that changes may have been missed", async () => {
    const { lines, logger: log } = logger();
    const store = new PostgresPaymentStore({
      connectionString: PG_URL,
      tablePrefix: pgPrefix,
      logger: log,
    });
    const other = new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: pgPrefix });
    const admin = new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: pgPrefix });
    const { hear, stop } = listen(store);
    try {
      await hear(null);
      await hear(await settleElsewhere(other));
      const { Client } = (await import("pg")).default;
      const client = new Client({ connectionString: PG_URL });
      await client.connect();
      const killed = await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = 'ligdicash-kit notifications' AND query = $1`,
        [`LISTEN ${pgPrefix}_changes`],
      );
      await client.end();
      expect(killed.rowCount).toBe(1);
      await hear(null, 2);
      await hear(await settleElsewhere(other));
      expect(lines.some((l) => l.includes("notification connection lost"))).toBe(true);
    } finally {
      stop();
      await Promise.all([store.close(), other.close(), admin.close()]);
    }
  });
});

describe.runIf(withRedis)("Redis notifications", () => {
  it("come back after their connection is killed, saying that changes may have been missed", async () => {
    const { lines, logger: log } = logger();
    const options = { url: REDIS_URL, keyPrefix: redisPrefix };
    const store = new RedisPaymentStore({
      ...options,
      redisOptions: { connectionName: redisName },
      logger: log,
    });
    const other = new RedisPaymentStore(options);
    const { hear, stop } = listen(store);
    try {
      await hear(null);
      await hear(await settleElsewhere(other));
      const { Redis } = await import("ioredis");
      const admin = new Redis(REDIS_URL);
      const clients = (await admin.client("LIST")) as string;
      const subscriber = clients
        .split("\n")
        .find((line) => line.includes(`name=${redisName} `) && / sub=1 /.test(line));
      const id = /\bid=(\d+)/.exec(subscriber ?? "")?.[1];
      expect(id).toBeDefined();
      await admin.client("KILL", "ID", id!);
      await admin.quit();
      await hear(null, 2);
      await hear(await settleElsewhere(other));
      expect(lines.some((l) => l.includes("notification connection lost"))).toBe(true);
    } finally {
      stop();
      await Promise.all([store.close(), other.close()]);
    }
  });
});
